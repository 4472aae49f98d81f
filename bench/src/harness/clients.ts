/**
 * @module clients
 * Opening many SyncClients at once with bounded concurrency (thousands of simultaneous
 * handshakes measure the accept queue, not the server), and waiting on conditions.
 */
import { SyncClient, type SyncClientOptions } from "../clients/SyncClient.ts";
import type { ServerEndpoint } from "./ServerUnderTest.ts";

/** Opens one client per doc name (in order), at most `concurrency` handshakes in flight. */
export async function openClients(
  server: ServerEndpoint,
  docNames: readonly string[],
  options: SyncClientOptions = {},
  concurrency = 50,
  timeoutMs = 60_000,
): Promise<SyncClient[]> {
  const clients: SyncClient[] = new Array(docNames.length);
  let next = 0;
  const worker = async () => {
    while (next < docNames.length) {
      const i = next++;
      const client = new SyncClient(server, docNames[i] as string, options);
      clients[i] = client;
      await withTimeout(client.synced, timeoutMs, `${server.kind}: client for ${docNames[i]} never synced`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, docNames.length) }, worker));
  } catch (error) {
    for (const client of clients) client?.destroy();
    throw error;
  }
  return clients;
}

export async function closeClients(clients: readonly SyncClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
  for (const client of clients) client.doc.destroy();
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every `everyMs` until true; throws with `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
