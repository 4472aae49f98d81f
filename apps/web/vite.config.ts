/**
 * Vite build for the Quire web app. The relay serves `dist/` at `/`, so the app always talks
 * to its own origin (`/api`, `/sync`). The service worker precaches every built asset so the
 * app shell opens with no network after one visit (issue 3, point 6).
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { precompress } from "./build/precompress.ts";

export default defineConfig({
  plugins: [
    react(),
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
        // The editor bundle (Lexical + Yjs) is larger than workbox's 2 MiB default; it must be
        // precached or the app cannot open offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // The search worker (MiniSearch + its own Yjs, ~28 KB brotli) is fetched the first time
        // a student searches, not by every first visit (the 250 KB first-load budget), and kept
        // for offline use from then on (runtimeCaching below).
        globIgnores: ["**/search.worker-*.js"],
        runtimeCaching: [
          {
            urlPattern: /\/assets\/search\.worker-[\w-]+\.js$/,
            handler: "CacheFirst",
            options: { cacheName: "quire-search-worker", expiration: { maxEntries: 2 } },
          },
        ],
        navigateFallback: "/index.html",
        // Server routes are never app pages: an offline /api call must fail, not get HTML.
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/healthz/],
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
