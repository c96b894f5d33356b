interface Waiter {
  position: bigint;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Callers waiting for a position to be reached (read your writes). Settled by `reached()` after
 * each committed batch or by their own timer: nothing polls.
 */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Resolves once `reached(p)` is called with `p >= position`; rejects with `onTimeout()` after `timeoutMs`. */
  wait(position: bigint, timeoutMs: number, onTimeout: () => Error): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(onTimeout());
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  reached(position: bigint): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        clearTimeout(waiter.timer);
        waiter.resolve();
      } else {
        still.push(waiter);
      }
    }
    this.waiters = still;
  }

  /** Rejects every waiter with `error` (the runner failed or stopped). */
  rejectAll(error: Error): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }
}
