import { evolveOrganization, initialOrganization, organizationStream, type OrganizationEvent, type OrganizationState } from '@behorighet/domain';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@behorighet/event-store';

type Upcaster = (type: string, data: unknown) => unknown;

interface Entry {
  state: OrganizationState;
  /** The position of the last event folded into `state` (0n: none). */
  position: bigint;
}

/**
 * Organization states as of positions in the log, for a reader that goes through the log in order: an
 * organization is read from its stream up to the position asked the first time, then kept up to date by
 * `apply`. Recipients and headlessness are judged on the state of that moment, not today's.
 */
export class OrganizationTimeline {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly events: EventStore,
    private readonly upcast: Upcaster,
    private readonly maxEntries = 10_000,
  ) {}

  /** The organization with every one of its events before `position`. */
  async before(organizationId: string, position: bigint): Promise<OrganizationState> {
    const cached = this.entries.get(organizationId);
    if (cached && cached.position < position) return cached.state;
    const entry = await this.load(organizationId, position);
    this.remember(organizationId, entry);
    return entry.state;
  }

  /** Folds an event of the organization's stream: the states just before and just after it. */
  async apply(organizationId: string, event: RecordedEvent): Promise<{ before: OrganizationState; after: OrganizationState }> {
    const before = await this.before(organizationId, event.position);
    const after = evolveOrganization(before, { type: event.type, data: this.upcast(event.type, event.data) } as OrganizationEvent);
    this.remember(organizationId, { state: after, position: event.position });
    return { before, after };
  }

  private async load(organizationId: string, position: bigint): Promise<Entry> {
    let entry: Entry = { state: initialOrganization(), position: 0n };
    try {
      for await (const event of this.events.readStream(organizationStream(organizationId))) {
        if (event.position >= position) break;
        const state = evolveOrganization(entry.state, { type: event.type, data: this.upcast(event.type, event.data) } as OrganizationEvent);
        entry = { state, position: event.position };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return entry;
  }

  private remember(organizationId: string, entry: Entry): void {
    this.entries.delete(organizationId);
    // The least recently used organization is read again from its stream when it is needed again.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(organizationId, entry);
  }
}
