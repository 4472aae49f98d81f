import { describe, expect, it } from "vitest";
import { safePresenceState } from "./presence-state.ts";

const safe = (state: unknown, name = "Ana") => JSON.parse(safePresenceState(JSON.stringify(state), name));

describe("safePresenceState", () => {
  it("keeps #rrggbb colours and everything that is not a colour or a name", () => {
    const state = { color: "#1971c2", colorLight: "#d0ebff", anchorPos: { a: 1 }, focusing: true, list: [1, "x"] };
    expect(safe(state)).toEqual(state);
    // Unchanged input comes back as the same string (relayed as received).
    const json = JSON.stringify(state);
    expect(safePresenceState(json, "Ana")).toBe(json);
  });

  it("removes colours that are not #rrggbb, at any depth and in arrays of objects", () => {
    const beacon = "rgb(0 0 0) url(http://127.0.0.1:9/b)";
    const out = safe({
      color: beacon,
      cursorColor: "red",
      user: { color: "#fff" },
      awarenessData: { user: { colorLight: beacon, color: "#1971c2" } },
      others: [{ Colour: 42 }, { color: "#000000" }],
    });
    expect(JSON.stringify(out)).not.toMatch(/url\(|red|#fff"/);
    expect(out).toEqual({ user: {}, awarenessData: { user: { color: "#1971c2" } }, others: [{}, { color: "#000000" }] });
  });

  it("writes the token's name over every shown name, and only where a name was given", () => {
    const out = safe({ name: "Teacher", user: { name: { html: "<b>x</b>" } }, awarenessData: { user: { name: "Teacher" } } }, "Mallory");
    expect(out).toEqual({ name: "Mallory", user: { name: "Mallory" }, awarenessData: { user: { name: "Mallory" } } });
    expect(safe({ cursor: 1 }, "Mallory")).toEqual({ cursor: 1 });
  });

  it("stamps the sender's member id, over any she sent: one member on two devices shows once", () => {
    expect(JSON.parse(safePresenceState(JSON.stringify({ user: { name: "Ana" } }), "Ana", "u_ana"))).toEqual({ user: { name: "Ana" }, member: "u_ana" });
    expect(JSON.parse(safePresenceState(JSON.stringify({ member: "u_teacher" }), "Ana", "u_ana"))).toEqual({ member: "u_ana" });
    expect(safePresenceState("null", "Ana", "u_ana")).toBe("null");
  });

  it("passes removals and non-object states through, and throws on non-JSON", () => {
    expect(safePresenceState("null", "Ana")).toBe("null");
    expect(safePresenceState("[1,2]", "Ana")).toBe("[1,2]");
    expect(safePresenceState('[{"color":"url(x)"}]', "Ana")).toBe("[{}]");
    expect(safePresenceState('"text"', "Ana")).toBe('"text"');
    expect(() => safePresenceState("{not json", "Ana")).toThrow();
  });
});
