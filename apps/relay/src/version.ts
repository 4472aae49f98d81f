/** @module version — the relay's package version, injected by build.mjs (esbuild `define`). */
declare const __RELAY_VERSION__: string | undefined;

export const RELAY_VERSION: string = typeof __RELAY_VERSION__ === "string" ? __RELAY_VERSION__ : "0.0.0-dev";
