import type { LogEvent } from '@behorighet/event-store';
import { stamped, type DocumentBody, type DocumentTarget, type Projection } from './projection.js';
import { ProjectionFailedError } from './read-models.errors.js';
import type { IndexFilter, ReadDocument, ReadStore, ReadWrite } from './read-store.port.js';

const LOOKUP_PAGE = 1000;

/**
 * Applies a run of events to one projection's documents in memory and hands back the writes,
 * one per changed document (the last version wins). Shared by every adapter: a store only
 * loads, looks up and commits. A document whose `_position` is at or past an event is left
 * alone, which makes re-delivery harmless.
 */
export class ProjectionBatch<Doc extends ReadDocument> {
  /** Documents as this batch knows them: stored, or changed by an earlier event (null: absent). */
  private readonly known = new Map<string, Doc | null>();
  /** Ids this batch changed, with the position of the last event that changed each. */
  private readonly changed = new Map<string, bigint>();

  constructor(
    private readonly projection: Projection<Doc>,
    private readonly store: ReadStore,
  ) {}

  /**
   * Applies the events whose type is in `handles` (the projection's, as a set its model keeps).
   * @throws ProjectionFailedError naming the event whose routing, lookup or evolve failed.
   */
  async apply(events: readonly LogEvent[], handles: ReadonlySet<string>): Promise<ReadWrite[]> {
    // Per event this is the replay's hot path: plain loops and parallel arrays, no closure or object per event.
    const routedEvents: LogEvent[] = [];
    const routedTargets: (readonly DocumentTarget[])[] = [];
    const ids: string[] = [];
    let lookups = false;
    for (const event of events) {
      if (!handles.has(event.type)) continue;
      let targets: readonly DocumentTarget[];
      try {
        targets = this.projection.route(event);
      } catch (error) {
        throw this.failure(event, error);
      }
      if (targets.length === 0) continue;
      routedEvents.push(event);
      routedTargets.push(targets);
      for (const target of targets) {
        if (typeof target === 'string') ids.push(target);
        else lookups = true;
      }
    }
    await this.load(ids);
    for (let i = 0; i < routedEvents.length; i += 1) {
      const event = routedEvents[i] as LogEvent;
      const targets = routedTargets[i] as readonly DocumentTarget[];
      if (lookups && !targets.every((target) => typeof target === 'string')) {
        let resolved: string[];
        try {
          resolved = await this.resolve(targets);
        } catch (error) {
          throw this.failure(event, error);
        }
        for (const id of resolved) this.evolve(id, event);
      } else {
        for (const id of targets as readonly string[]) this.evolve(id, event);
      }
    }
    return this.writes();
  }

  private evolve(id: string, event: LogEvent): void {
    const current = this.known.get(id) ?? null;
    if (current !== null && current._position >= event.position) return;
    let body: DocumentBody<Doc> | null;
    try {
      body = this.projection.evolve(current, event, id);
    } catch (error) {
      throw this.failure(event, error);
    }
    if (body === null) {
      if (current === null) return;
      this.known.set(id, null);
    } else {
      this.known.set(id, stamped<Doc>(id, event.position, body));
    }
    this.changed.set(id, event.position);
  }

  private writes(): ReadWrite[] {
    const collection = this.projection.name;
    return [...this.changed].map(([id, position]): ReadWrite => {
      const document = this.known.get(id);
      return document ? { kind: 'upsert', collection, document } : { kind: 'delete', collection, id, position };
    });
  }

  /** Fetches the stored documents among `ids` that this batch does not know yet. */
  private async load(ids: readonly string[]): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (!this.known.has(id)) missing.add(id);
    if (missing.size === 0) return;
    const wanted = [...missing];
    const found = await this.store.getMany<Doc>(this.projection.name, wanted);
    for (const id of wanted) this.known.set(id, found.get(id) ?? null);
  }

  private async resolve(targets: readonly DocumentTarget[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const target of targets) {
      if (typeof target === 'string') ids.add(target);
      else for (const id of await this.lookup(target.filter)) ids.add(id);
    }
    await this.load([...ids]);
    return [...ids];
  }

  /** Stored matches not changed by this batch, plus this batch's changed documents that match now. */
  private async lookup(filter: IndexFilter): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await this.store.find<Doc>(this.projection.name, filter, { limit: LOOKUP_PAGE, after });
      for (const document of page.items) {
        if (this.changed.has(document._id)) continue;
        if (!this.known.has(document._id)) this.known.set(document._id, document);
        ids.push(document._id);
      }
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    for (const id of this.changed.keys()) {
      const document = this.known.get(id);
      if (document && matches(document, filter)) ids.push(id);
    }
    return ids;
  }

  private failure(event: LogEvent, cause: unknown): ProjectionFailedError {
    return new ProjectionFailedError(this.projection.name, event.position, event.type, { cause });
  }
}

function matches(document: ReadDocument, filter: IndexFilter): boolean {
  const fields = document as unknown as Record<string, unknown>;
  return Object.entries(filter).every(([field, value]) => (fields[field] ?? null) === value);
}
