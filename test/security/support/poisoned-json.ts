import fc from 'fast-check';

/** JSON text, and whether it holds a key fastify's parser must refuse (`__proto__`, or `constructor` with `prototype`). */
export interface PoisonedJson {
  text: string;
  poisoned: boolean;
}

type Node = { kind: 'value'; value: unknown } | { kind: 'array'; items: Node[] } | { kind: 'object'; entries: Array<[string, Node]> };

const KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', 'operator', 'level', 'role', 'name', 'key', 'memberId', 'toString', 'hasOwnProperty', 'valueOf'];

const node = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)).map((value) => ({ kind: 'value' as const, value })),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => ({ kind: 'array' as const, items })),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('node')), { maxLength: 4 }).map((entries) => ({ kind: 'object' as const, entries })),
  ),
})).node;

function serialize(n: Node): string {
  if (n.kind === 'value') return JSON.stringify(n.value);
  if (n.kind === 'array') return `[${n.items.map(serialize).join(',')}]`;
  return `{${n.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
}

/** As the parsed value has it: of keys repeated in one object, JSON.parse keeps the last (`{"a":{…poison…},"a":1}` is clean). */
function parsedEntries(n: Extract<Node, { kind: 'object' }>): Array<[string, Node]> {
  return [...new Map(n.entries)];
}

function isPoisoned(n: Node): boolean {
  if (n.kind === 'array') return n.items.some(isPoisoned);
  if (n.kind !== 'object') return false;
  return parsedEntries(n).some(
    ([k, v]) => k === '__proto__' || (k === 'constructor' && v.kind === 'object' && parsedEntries(v).some(([inner]) => inner === 'prototype')) || isPoisoned(v),
  );
}

/** Random JSON objects whose keys are often the dangerous ones, with the truth about their poison. */
export function poisonedJson(): fc.Arbitrary<PoisonedJson> {
  return fc
    .array(fc.tuple(fc.constantFrom(...KEYS), node), { minLength: 1, maxLength: 4 })
    .map((entries) => ({ kind: 'object' as const, entries }))
    .map((root) => ({ text: serialize(root), poisoned: isPoisoned(root) }));
}
