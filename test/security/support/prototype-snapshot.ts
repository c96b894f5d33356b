import { STATUS_CODES } from 'node:http';

/**
 * The built-in prototypes a polluted JSON body would change. Jest runs each test file in its own realm; objects that
 * Node's core creates (`STATUS_CODES`) come from the outer realm, so its Object.prototype is watched as well.
 */
const PROTOTYPES: Array<[string, object]> = [
  ['outer Object.prototype', Object.getPrototypeOf(STATUS_CODES) as object],
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

export type PrototypeSnapshot = Record<string, string[]>;

/** Own property keys (names and symbols) of each built-in prototype. */
export function snapshotPrototypes(): PrototypeSnapshot {
  return Object.fromEntries(PROTOTYPES.map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
}

/** Keys present now that were not in `before`, by prototype (empty when nothing was polluted). */
export function pollutionSince(before: PrototypeSnapshot): Record<string, string[]> {
  const now = snapshotPrototypes();
  const added = Object.entries(now).map(([name, keys]) => [name, keys.filter((k) => !before[name]!.includes(k))] as const);
  return Object.fromEntries(added.filter(([, keys]) => keys.length > 0));
}
