import { withEntry } from './records.js';

/**
 * How a fold changes a state: the folds (`organization.evolve.ts`, `member.evolve.ts`) are written once over
 * this and run either copying (pure evolve) or in place (a replay into states the caller owns). Every
 * operation returns the changed value, which the fold must use; in place that is the value it was given,
 * except for a record that was not yet a dictionary (see `inPlace.put`).
 */
export interface Edit {
  /** `target` with the fields of `patch` set (added at the end when new, as a spread would). */
  set<T extends object>(target: T, patch: Partial<T>): T;
  /** `record` with `key` set to `value`; always a dictionary (null prototype, see records.ts). */
  put<V>(record: Record<string, V>, key: string, value: NoInfer<V>): Record<string, V>;
  /** `put` for an entry the fold read from `record[key]` and changed through this edit (`set(record[key], …)`). */
  putChanged<V>(record: Record<string, V>, key: string, value: NoInfer<V>): Record<string, V>;
  /** `list` with `item` appended. */
  push<T>(list: T[], item: NoInfer<T>): T[];
  /** `list` with the item at `index` replaced by `item`. */
  replace<T>(list: T[], index: number, item: NoInfer<T>): T[];
}

/** The pure edit: every change is a new object, array or record; nothing it is given is touched. Values are shared, not copied. */
export const copying: Edit = Object.freeze<Edit>({
  set: (target, patch) => ({ ...target, ...patch }),
  put: withEntry,
  putChanged: withEntry,
  push: (list, item) => [...list, item],
  replace: (list, index, item) => {
    const copy = [...list];
    copy[index] = item;
    return copy;
  },
});

/**
 * The mutating edit, for folds into states the caller owns (built from `initialX()` by in-place folds only, so no
 * other state or document shares their parts). It only ever mutates what a fold hands it, and a fold hands it only
 * the state and objects, arrays and records the fold itself created — never event data.
 */
export const inPlace: Edit = Object.freeze<Edit>({
  set: (target, patch) => Object.assign(target, patch),
  // An initial state's empty `{}` becomes a dictionary on its first entry, as a copying fold's would.
  put: (record, key, value) => {
    if (Object.getPrototypeOf(record) !== null) return withEntry(record, key, value);
    record[key] = value;
    return record;
  },
  // The entry was changed where it is. Checked, not assumed: the key was just looked up, so the check is cheap,
  // while a store with a key string fresh from event data costs a string-table lookup.
  putChanged: (record, key, value) => {
    if (record[key] !== value) record[key] = value;
    return record;
  },
  push: (list, item) => {
    list.push(item);
    return list;
  },
  replace: (list, index, item) => {
    list[index] = item;
    return list;
  },
});
