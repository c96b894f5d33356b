/**
 * Schema evolution. Stored event data carries `schemaVersion`; on read, `upcast(type, data)` lifts it step by
 * step to the current version before `evolve` sees it. All events are at version 1, so the default registry is
 * empty and upcasting is the identity. To add a v2 of an event: bump its data type's `schemaVersion` to 2, write
 * a step `{ [type]: { 1: (v1) => v2 } }` here, and keep the v1 shape in the step's input type (see upcasters.spec.ts).
 */
export type UpcastStep = (data: Record<string, unknown>) => Record<string, unknown>;

/** type → version → the step that lifts data of that version to the next. */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, UpcastStep>>>>;

export const UPCASTERS: UpcasterRegistry = {};

/** Lifts stored event data to the current schema of its type; data without `schemaVersion` counts as version 1. */
export function upcast(type: string, data: unknown, registry: UpcasterRegistry = UPCASTERS): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  let current = data as Record<string, unknown>;
  const steps = registry[type];
  if (!steps) return current;
  for (let guard = 0; guard < 100; guard++) {
    const version = typeof current.schemaVersion === 'number' ? current.schemaVersion : 1;
    const step = steps[version];
    if (!step) return current;
    current = step(current);
    const next = typeof current.schemaVersion === 'number' ? current.schemaVersion : 1;
    if (next <= version) throw new Error(`upcaster for ${type} v${version} must raise schemaVersion`);
  }
  throw new Error(`upcasting ${type} did not terminate`);
}

/** Builds the `upcast` hook for an event store reader from a registry (the default: this module's UPCASTERS). */
export function createUpcaster(registry: UpcasterRegistry = UPCASTERS): (type: string, data: unknown) => unknown {
  return (type, data) => upcast(type, data, registry);
}
