import type { EventStore, LogEvent } from '@behorighet/event-store';
import { defineProjection, type Projection } from '../projection.js';
import type { ReadDocument } from '../read-store.port.js';
import type { RunnerLogger } from '../projection-runner.js';

/** The toy read model of the runner tests: events counted per stream, closable per category. */
export interface StreamCount extends ReadDocument {
  category: string;
  count: number;
  lastSeq: number;
  closed: boolean;
}

export interface CountingOptions {
  /** Called before each evolve, to count calls or to throw. */
  onEvolve?(event: LogEvent, id: string): void;
  /** Its shape version; default 1. */
  version?: number;
}

/** `Counted` counts into its stream's document; `CategoryClosed` closes every document of a category. */
export function countingProjection(options: CountingOptions = {}): Projection<StreamCount> {
  return defineProjection<StreamCount>({
    name: 'stream_counts',
    version: options.version ?? 1,
    indexes: [{ name: 'byCategory', fields: ['category'] }],
    handles: ['Counted', 'CategoryClosed'],
    route(event) {
      if (event.type === 'CategoryClosed') return [{ filter: { category: (event.data as { category: string }).category } }];
      return [event.stream];
    },
    evolve(document, event, id) {
      options.onEvolve?.(event, id);
      if (event.type === 'CategoryClosed') return document && { ...document, closed: true };
      const { seq } = event.data as { seq: number };
      return {
        category: id.split('-')[0] as string,
        count: (document?.count ?? 0) + 1,
        lastSeq: seq,
        closed: document?.closed ?? false,
      };
    },
  });
}

/** Appends `count` Counted events to `stream`, one append each (`seq` runs from `from`). */
export async function appendCounted(store: EventStore, stream: string, count: number, from = 0): Promise<bigint> {
  let position = 0n;
  for (let i = 0; i < count; i += 1) {
    ({ position } = await store.append(stream, [{ type: 'Counted', data: { seq: from + i } }], { expectedRevision: 'any' }));
  }
  return position;
}

/** A logger that keeps what it was told, for assertions and a quiet test output. */
export function recordingLogger(): RunnerLogger & { lines: string[]; errors: { message: string; error: unknown }[] } {
  const lines: string[] = [];
  const errors: { message: string; error: unknown }[] = [];
  return { lines, errors, log: (message) => lines.push(message), error: (message, error) => errors.push({ message, error }) };
}
