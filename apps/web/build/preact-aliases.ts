/**
 * The app is written against React's API and typed with @types/react, but ships Preact's
 * compatibility layer (preact/compat, ~11 KB minified) instead of react-dom (~207 KB minified,
 * ~55 KB brotli): a fifth of the 250 KB first-visit budget (issue 10 item 6). Lexical's React
 * bindings use createPortal, flushSync, useSyncExternalStore and useLayoutEffect, which
 * preact/compat provides.
 *
 * Exact specifiers only, so that e.g. `react-dom/server` fails the build instead of silently
 * resolving to a file preact does not have. The app's build (vite.config.ts) and its unit tests
 * (vitest's web-unit project) use the same list, so unit tests run the renderer users get:
 * preact runs plain effects after the next paint where React runs them sooner, and a timing
 * difference like that hid a lost Escape key from the unit tests once (session 8).
 */
export const preactAliases = [
  { find: /^react$/, replacement: "preact/compat" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/compat/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/compat/jsx-dev-runtime" },
];
