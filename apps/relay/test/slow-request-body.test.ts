/**
 * An HTTP request whose body trickles in is cut off after HTTP_REQUEST_TIMEOUT_MS (security
 * finding S7: Node's default kept such a request, and its socket, for 300 s).
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { useRelay } from "@quire/testkit";

const relay = useRelay({ env: { HTTP_REQUEST_TIMEOUT_MS: "2000" } });

describe("slow request bodies", () => {
  it("a POST body that never completes is answered 408 and the socket closed", async () => {
    const socket = connect(relay.port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    const started = Date.now();
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now() - started)));
    socket.write("POST /api/join HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"code\":");
    // Keep trickling, as a slowloris client does, so only the whole-request timeout can end it.
    const drip = setInterval(() => socket.write(" "), 200);
    const elapsed = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 20_000))]);
    clearInterval(drip);
    socket.destroy();
    expect(elapsed, "socket still open after 20 s").toBeGreaterThan(0);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });
});
