/**
 * @module WriteTransactions
 * A device store's readwrite transactions from creation until `complete` or `abort`. A change
 * counts as saved on the device only once its transaction has completed, so the count of open
 * ones is what the save state waits for; on page hide they are all committed at once.
 */

export class WriteTransactions {
  private readonly open = new Set<IDBTransaction>();
  private idle: (() => void)[] = [];

  /** Transactions issued and not yet finished. */
  get size(): number {
    return this.open.size;
  }

  /**
   * Counts `tx` until it finishes, then calls `onFinish` with null (committed) or the error it
   * failed with. The promise resolves after `onFinish`, in both cases.
   */
  track(tx: IDBTransaction, onFinish: (error: unknown) => void): Promise<void> {
    this.open.add(tx);
    return new Promise((resolve) => {
      let requestError: unknown = null;
      const finish = (error: unknown) => {
        if (!this.open.delete(tx)) return;
        onFinish(error);
        if (this.open.size === 0) {
          const idle = this.idle;
          this.idle = [];
          for (const wake of idle) wake();
        }
        resolve();
      };
      tx.addEventListener("complete", () => finish(null));
      // A failed request aborts the transaction (we never preventDefault: a half-written change
      // must not be reported as saved); the abort carries the request's error, e.g. QuotaExceededError.
      tx.addEventListener("error", (event) => {
        requestError = (event.target as IDBRequest | null)?.error ?? requestError;
      });
      tx.addEventListener("abort", () => finish(tx.error ?? requestError ?? new Error("IndexedDB transaction aborted")));
    });
  }

  /** Asks every open transaction to commit now, not when the event loop gets to it (y-indexeddb#28). */
  commitAll(): void {
    for (const tx of this.open) {
      try {
        (tx as IDBTransaction & { commit?: () => void }).commit?.();
      } catch {
        // Already committing or finished.
      }
    }
  }

  /** Resolves once no transaction is open (each committed or failed). */
  whenIdle(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
