/**
 * y-leveldb 0.2.0 ships types but its package.json "exports" hides them from TypeScript's
 * bundler resolution; this declares the part the benchmark uses.
 */
declare module "y-leveldb" {
  import type * as Y from "yjs";
  export class LeveldbPersistence {
    constructor(location: string, options?: Record<string, unknown>);
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    flushDocument(docName: string): Promise<void>;
    getYDoc(docName: string): Promise<Y.Doc>;
    getStateVector(docName: string): Promise<Uint8Array>;
    destroy(): Promise<void>;
  }
}
