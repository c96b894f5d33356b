/**
 * Keeps a generated history moving. Steps that write nothing are normal (a refused command, a login not worth
 * recording), but a run of them means every organization may be stuck for good: headless, its agreement ended,
 * its main responsible gone with nobody left to invite. After `patience` fruitless steps in a row the watch asks
 * for a repair; a repair that writes nothing either means nothing can progress, and the watch throws rather than
 * let the generator spin forever or quietly hand back a shorter history than asked.
 */
export class ProgressWatch {
  private fruitless = 0;

  /** `patience` lies well above the longest fruitless runs of healthy histories, so those are never repaired. */
  constructor(private readonly patience: number) {}

  /**
   * Records one step. `repair` runs after `patience` fruitless steps in a row and answers whether it wrote
   * anything; `describe` says what is stuck, for the error.
   */
  step(wrote: boolean, repair: () => boolean, describe: () => string): void {
    if (wrote) {
      this.fruitless = 0;
      return;
    }
    this.fruitless += 1;
    if (this.fruitless < this.patience) return;
    this.fruitless = 0;
    if (!repair()) throw new Error(`realistic history: nothing can progress — ${this.patience} steps in a row wrote nothing and the operator's repairs were refused (${describe()})`);
  }
}
