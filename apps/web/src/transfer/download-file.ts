/**
 * @module download-file
 * Hands bytes made in the browser to the student as a download (no server round trip, so it
 * works offline). The object URL is revoked a little later: Chromium may still be reading it
 * right after the click.
 */
export function downloadFile(file: { name: string; type: string; bytes: Uint8Array }): void {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
