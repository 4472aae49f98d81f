/**
 * @module frame-kinds
 * Names what a websocket payload is, for byte breakdowns (reconnect-bytes): a y-websocket
 * message (sync step 1 / step 2 / update, awareness, auth, query-awareness, Quire's
 * ack-subscribe / ack / relay info) or, on a `/mux` socket, the same behind a channel id, or a
 * channel open / close control frame.
 */
import * as decoding from "lib0/decoding";

const SYNC = ["sync step 1", "sync step 2", "sync update"];
const QUIRE: Record<number, string> = { 0: "quire ack-subscribe", 1: "quire ack" };

/** The kind of `payload`; `mux` when it came over a `/mux` socket. */
export function frameKind(payload: Uint8Array, mux: boolean): string {
  try {
    const decoder = decoding.createDecoder(payload);
    if (mux) {
      const channel = decoding.readVarUint(decoder);
      if (channel === 0) return decoding.readVarUint(decoder) === 0 ? "mux channel open" : "mux channel close";
    }
    const type = decoding.readVarUint(decoder);
    if (type === 0) return SYNC[decoding.readVarUint(decoder)] ?? "sync ?";
    if (type === 1) return "awareness";
    if (type === 2) return "auth";
    if (type === 3) return "query awareness";
    if (type === 100) return QUIRE[decoding.readVarUint(decoder)] ?? "quire other";
    return `type ${type}`;
  } catch {
    return "undecodable";
  }
}
