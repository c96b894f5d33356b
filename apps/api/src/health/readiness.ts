/** Something that must have caught up with the log before the API answers ready (a projection runner). */
export interface ReadinessProbe {
  name: string;
  /** Position reached, head of the log, whether this probe counts as caught up, and why not when it cannot get there. */
  status(): Promise<{ position: string; head: string; lag: string; ready: boolean; error?: { message: string } }>;
}

/** Collects the probes of the modules that are loaded in this process (APP_ROLES decides which). */
export class Readiness {
  private readonly probes: ReadinessProbe[] = [];

  register(probe: ReadinessProbe): void {
    this.probes.push(probe);
  }

  async report(): Promise<{ ready: boolean; projections: Record<string, unknown> }> {
    const entries = await Promise.all(this.probes.map(async (p) => [p.name, await p.status()] as const));
    return { ready: entries.every(([, s]) => s.ready), projections: Object.fromEntries(entries) };
  }
}
