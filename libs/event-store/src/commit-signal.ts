/** Tells waiting subscriptions that this process committed new events. One per store instance. */
export class CommitSignal {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Calls `wake` once, at the next `notify()`. Returns a function that cancels the wait. */
  once(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }
}
