import { describe, expect, it } from "vitest";
import { CloseCode } from "@quire/core";
import { relayCloseMessage } from "./relay-close-messages.ts";

describe("relay close messages", () => {
  it("tells a student whose teacher made the document read-only that her change stays on the device (issue 13)", () => {
    expect(relayCloseMessage(CloseCode.ReadOnlyNow)).toMatch(/read-only for you.*stays on this device/);
  });

  it("needs no words for a restart", () => {
    expect(relayCloseMessage(CloseCode.GoingAway)).toBeNull();
  });
});
