/**
 * @module storage-logger
 * The one thing the adapter logs is a commit listener that threw (a room's bug, which must not
 * stop the other rooms' broadcasts). The host passes its own logger (the relay's JSON-lines
 * log); a package must not import an app, so this narrow interface is all the adapter knows.
 */
export interface StorageLogger {
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Default when none is passed (tools, tests): one JSON line on stderr, like the relay's log. */
export const stderrLogger: StorageLogger = {
  error(msg, fields) {
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: "error", msg, ...fields })}\n`);
  },
};
