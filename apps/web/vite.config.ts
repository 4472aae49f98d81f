/**
 * Vite build for the Quire web app. The relay serves `dist/` at `/`, so the app always talks
 * to its own origin (`/api`, `/sync`). The service worker precaches every built asset so the
 * app shell opens with no network after one visit (issue 3, point 6).
 */
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { preactAliases } from "./build/preact-aliases.ts";
import { precompress } from "./build/precompress.ts";

export default defineConfig({
  // React's API, Preact's renderer (see build/preact-aliases.ts). JSX is compiled by Vite's
  // own transform from tsconfig's "jsx": "react-jsx" (automatic runtime, imports
  // react/jsx-runtime, aliased); @vitejs/plugin-react was only there for React's Fast Refresh,
  // which does not drive Preact. The e2e project runs the shipped app.
  resolve: { alias: preactAliases },
  plugins: [
    VitePWA({
      strategies: "generateSW",
      registerType: "autoUpdate",
      injectRegister: false,
      // Only the favicon the page shows is precached. The PNG icons (23 KB, a tenth of the
      // first load) are for installing the app: the browser fetches and keeps them itself when
      // a student installs it, and the app opens offline without them (issue 10 item 6).
      includeAssets: ["icon.svg"],
      includeManifestIcons: false,
      manifest: {
        name: "Quire",
        short_name: "Quire",
        description: "Write together, even offline.",
        theme_color: "#3b5bdb",
        background_color: "#f6f7fb",
        display: "standalone",
        start_url: "/",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        // No png: the only PNGs are the install icons (see includeAssets).
        globPatterns: ["**/*.{js,css,html,svg,ico,webmanifest}"],
        // The export/import chunks (~150 KB compressed: our converters with fflate, docx, mammoth)
        // are not precached: the first visit is budgeted at 250 KB. They are fetched the first
        // time a student opens a document's menu or the import/export controls, then kept by
        // the runtime cache below, so export and import work offline from then on
        // (src/transfer/load-transfer.ts). Both lists are below, with the search worker's.
        // The editor bundle (Lexical + Yjs) is larger than workbox's 2 MiB default; it must be
        // precached or the app cannot open offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // The search worker (MiniSearch + its own Yjs, ~28 KB brotli) is fetched the first time
        // a student searches, not by every first visit (the 250 KB first-load budget), and kept
        // for offline use from then on (runtimeCaching below).
        // The sync-file chunk (the .quire format, Ed25519, SHA-256) likewise: fetched when the
        // "Sync file" menu is first opened (SyncFileMenu.tsx warms it), kept from then on.
        globIgnores: [
          "**/search.worker-*.js",
          "**/assets/transfer-*.js",
          "**/assets/docx-export-*.js",
          "**/assets/docx-import-*.js",
          "**/assets/sync-file-actions-*.js",
          "**/assets/SyncFilePanel-*.js",
          // The sign-in link (src/classes/SignInLink.tsx) asks the relay: no use offline.
          "**/assets/SignInLink-*.js",
          // Classroom hub only (issue 14): the dashboard's hub panel and an editor's third save
          // level ask the hub, so they have no use offline.
          "**/assets/HubSection-*.js",
          "**/assets/UpstreamSaveLevel-*.js",
          "**/assets/hub-get-*.js",
          "**/assets/hub-strings-*.js",
          "**/assets/sign-in-link-*.js",
          // A split class's list parts (packages/client IndexParts.ts): loaded only in a class
          // with groups, once the relay named the parts (online), kept from then on.
          "**/assets/IndexParts-*.js",
          // The relay's document list's decoder (packages/client readable-documents.ts): only
          // used when asking the relay, so no use offline.
          "**/assets/readable-documents-*.js",
          // A read-only share link (src/share/SharePage.tsx) reads its document from the relay.
          "**/assets/SharePage-*.js",
          // The history panel (src/history/load-history.ts) reads everything it shows from the
          // relay, so it is no use offline; "while you were away" (away-changes, AwayNotice) is
          // fetched at a reconnect. Neither may weigh on the first visit (issue 10 item 6).
          "**/HistoryPanel-*.{js,css}",
          "**/AwayNotice-*.js",
          "**/away-changes-*.js",
          "**/panel-strings-*.js",
          // The class dashboard and sign-in cards (src/classes/load-classes.ts) read and change
          // the class on the relay: no use offline, and only teachers open them.
          "**/ClassDashboard-*.{js,css}",
          "**/SignInCards-*.{js,css}",
          // ClassClient on its own once the share page's class list uses it too (issue 13).
          "**/ClassClient-*.js",
          // (WaitingToJoin is precached: a device that joined on its first visit and waits for
          // its teacher must see that screen offline, and a runtime cache misses a chunk fetched
          // before the service worker controlled the page.)
          // Their shared part (ClassClient, the English strings, the stylesheet).
          "**/classes-*.{js,css}",
          "**/local-time-input-*.js",
          // The "are you sure?" dialog (src/ui/ConfirmDialog.tsx) only the class and history
          // chunks use: their shared chunk is named after it (with local-time-input inside).
          "**/ConfirmDialog-*.js",
          // ClassClient's and HistoryClient's shared answer checks (packages/client
          // response-checks.ts): only the class and history chunks above load it (808 B that
          // put the first visit at 250.1 KB of 250 when it was split out).
          "**/response-checks-*.js",
          // The comments panel's extras (src/comments/comment-extras.ts: the @ mention picker,
          // times from the relay): fetched when the panel opens, then kept by the runtime cache
          // below; without them the panel has a plain box and the writers' times.
          "**/assets/comment-extras-*.{js,css}",
          // Suggestions (src/suggestions/SuggestionsLoader.tsx): fetched when a member points at
          // "Suggest", opens a document holding suggestions, or a minute into editing online;
          // kept for offline use from then on (runtimeCaching below).
          "**/SuggestionsPlugin-*.{js,css}",
        ],
        runtimeCaching: [
          {
            urlPattern: /\/assets\/search\.worker-[\w-]+\.js$/,
            handler: "CacheFirst",
            options: { cacheName: "quire-search-worker", expiration: { maxEntries: 2 } },
          },
          {
            // Hashed file names: a cached chunk never changes, so the cache answers first;
            // two versions of the three chunks at most (the one in use and the previous).
            urlPattern: /\/assets\/(transfer|docx-export|docx-import)-[\w-]+\.js$/,
            handler: "CacheFirst",
            options: { cacheName: "quire-transfer", expiration: { maxEntries: 6 } },
          },
          {
            // The sync-file chunks, the suggestion chunk, the comments panel's extras (js + css)
            // and a split class's IndexParts share one rule: every byte of sw.js counts against the first visit. Two versions
            // of each at most.
            urlPattern: /\/assets\/(sync-file-actions|SyncFilePanel|SuggestionsPlugin|comment-extras|IndexParts)-[\w-]+\.(js|css)$/,
            handler: "CacheFirst",
            options: { cacheName: "quire-sync-file", expiration: { maxEntries: 16 } },
          },
        ],
        navigateFallback: "/index.html",
        // Server routes are never app pages: an offline /api call must fail, not get HTML.
        // The hub's CA certificate (issue 14) is a download, not a page.
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/healthz/, /^\/quire-hub-ca\.crt$/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
    // After VitePWA, so sw.js and workbox-*.js are compressed too (issue 10 item 6).
    precompress(),
  ],
  build: { target: "es2022", sourcemap: false, chunkSizeWarningLimit: 2048 },
});
