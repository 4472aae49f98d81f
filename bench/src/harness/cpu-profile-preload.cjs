/**
 * Preloaded into a server process (NODE_OPTIONS="--require <this file>", CPU_PROFILE_DIR=<dir>)
 * to record a V8 CPU profile of its whole life, written as <dir>/<pid>.cpuprofile on exit.
 * Node refuses --cpu-prof inside NODE_OPTIONS; the inspector API does the same job and works
 * for processes we do not launch ourselves (RelayProcess). The main thread's inspector
 * session answers synchronously, so the profile can be written from the 'exit' handler.
 */
const inspector = require("node:inspector");
const { writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 200 });
  session.post("Profiler.start");
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error || !result) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
