/**
 * A copy of `record` with `key` set to `value`, for the states' records keyed by ids (grants by grant id,
 * members by member id, reminders by key…). The copy is a dictionary (null prototype): `{ ...record, [id]: v }`
 * would give V8 a new hidden class for every new id and make every later spread of such a record a slow,
 * megamorphic clone — about twice the time of this copy, and far more memory. Values are shared, not copied.
 */
export function withEntry<V>(record: Readonly<Record<string, V>>, key: string, value: NoInfer<V>): Record<string, V> {
  const copy = Object.create(null) as Record<string, V>;
  for (const existing in record) copy[existing] = record[existing] as V;
  copy[key] = value;
  return copy;
}
