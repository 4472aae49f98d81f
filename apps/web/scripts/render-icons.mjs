// Renders public/icon.svg to the PNG sizes the web manifest and iOS need, with the same
// headless Chromium the e2e tests use (no image tool is needed on the machine).
// Run: node apps/web/scripts/render-icons.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const publicDir = join(dirname(fileURLToPath(import.meta.url)), "../public");
const svg = readFileSync(join(publicDir, "icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
for (const [file, size] of [["icon-192.png", 192], ["icon-512.png", 512], ["apple-touch-icon.png", 180]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`);
  writeFileSync(join(publicDir, file), await page.screenshot({ omitBackground: true }));
  await page.close();
}
await browser.close();
