import { iso } from '@behorighet/domain';
import { ByteReader, ByteWriter, uuidBytes, uuidFromBytes, unzigzag, zigzag } from './grant-bytes.js';

/**
 * Values every organization names, as JSON texts, by position: a record refers to one of these by its
 * index and to the organization's own names after them. A stored format: append, never reorder.
 */
const KNOWN: readonly string[] = [
  ...['revoked', 'employment-ended', 'access-removed', 'deactivated', 'deleted', 'blocked'].map((cause) => JSON.stringify(cause)),
  ...['attestant', 'orderer', 'agent-orderer', 'contact-person', 'signatory', 'case-handler-agent', 'case-handler-connection', 'case-handler-own'].map(
    (role) => JSON.stringify(`role:${role}`),
  ),
  JSON.stringify({ system: 'scheduler' }),
  JSON.stringify({ system: 'expire-access' }),
];
const KNOWN_INDEX = new Map(KNOWN.map((json, index) => [json, index]));

/**
 * The small per-organization table of a grant log: JSON texts (targets, actors, reasons, employer-code
 * sets, packages, and the rare id or instant that is not in canonical form), each after a newline
 * (JSON.stringify never writes a raw one). Records name an entry by its index, counted after `KNOWN`.
 */
export class NameTable {
  private parsed: unknown[] | undefined;

  constructor(public text: string) {}

  /** The index of `value`'s JSON, or -1. */
  find(value: unknown): number {
    const json = JSON.stringify(value);
    const known = KNOWN_INDEX.get(json);
    if (known !== undefined) return known;
    const at = `${this.text}\n`.indexOf(`\n${json}\n`);
    if (at < 0) return -1;
    let index = KNOWN.length;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < at; i = this.text.indexOf('\n', i + 1)) index += 1;
    return index;
  }

  /** The index of `value`'s JSON, added when absent. */
  intern(value: unknown): number {
    const found = this.find(value);
    if (found >= 0) return found;
    const index = KNOWN.length + (this.text === '' ? 0 : this.text.split('\n').length - 1);
    this.text = [this.text, '\n', JSON.stringify(value)].join('');
    return index;
  }

  /** The value of entry `index`, parsed once per table (decoding gives every reader its own objects). */
  value(index: number): unknown {
    this.parsed ??= [...KNOWN, ...this.text.split('\n').slice(1)].map((json) => JSON.parse(json) as unknown);
    if (index >= this.parsed.length) throw new RangeError(`no name ${index} in the grant log`);
    return this.parsed[index];
  }
}

/** Optional values (an actor, a cause…) as 0 for undefined, else 1 + their table index. */
export function writeValue(w: ByteWriter, names: NameTable, value: unknown): void {
  w.varint(value === undefined ? 0 : names.intern(value) + 1);
}

export function readValue(r: ByteReader, names: NameTable): unknown {
  const ref = r.varint();
  return ref === 0 ? undefined : names.value(ref - 1);
}

const DAY = 86_400_000;
/** How an instant is written: the low two bits of its varint. */
const InstantTag = { Millis: 0, Days: 1, Name: 2, Undefined: 3 } as const;

/**
 * An instant (ISO string) as its distance from `base` (epoch ms): whole days take two or three bytes,
 * milliseconds five or six. What does not come back exactly from epoch ms (not canonical ISO, not a
 * string) goes to the table verbatim. Returns the instant's epoch ms, or `base` when it went to the table.
 */
export function writeInstant(w: ByteWriter, names: NameTable, value: unknown, base: number): number {
  if (value === undefined) {
    w.varint(InstantTag.Undefined);
    return base;
  }
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  const exact = Number.isFinite(at) && iso(at) === value;
  const distance = at - base;
  const days = distance % DAY === 0;
  const code = days ? zigzag(distance / DAY) * 4 + InstantTag.Days : zigzag(distance) * 4 + InstantTag.Millis;
  if (!exact || !Number.isSafeInteger(code)) {
    w.varint(names.intern(value) * 4 + InstantTag.Name);
    return base;
  }
  w.varint(code);
  return at;
}

/** The instant and its epoch ms (`base` when it came from the table); its text only when `wanted`. */
export function readInstant(r: ByteReader, names: NameTable, base: number, wanted = true): { value: string | undefined; at: number } {
  const code = r.varint();
  const tag = code % 4;
  const rest = (code - tag) / 4;
  if (tag === InstantTag.Undefined) return { value: undefined, at: base };
  if (tag === InstantTag.Name) return { value: names.value(rest) as string, at: base };
  const at = base + unzigzag(rest) * (tag === InstantTag.Days ? DAY : 1);
  return { value: wanted ? iso(at) : undefined, at };
}

/** 16 bytes naming an id in a list of ids: its UUID bytes, or (another form) a marker and its table index. */
export function idSlot(id: string, names: NameTable, add: boolean): string | undefined {
  const bytes = uuidBytes(id);
  if (bytes !== undefined) return bytes;
  const index = add ? names.intern(id) : names.find(id);
  return index < 0 ? undefined : nameSlot(index);
}

/** The slot of an id held in the table at `index`: U+0100 never starts UUID bytes (0–255), so it cannot collide with one. */
function nameSlot(index: number): string {
  return `\u0100${String(index).padStart(15, '0')}`;
}

/**
 * An id written in a record itself (a log past its inline threshold): 0 and its 16 UUID bytes, or 1 + its
 * table index. False (nothing usable written) when it is not a UUID and not in the table and `add` is false.
 */
export function writeId(w: ByteWriter, names: NameTable, id: string, add: boolean): boolean {
  const bytes = uuidBytes(id);
  if (bytes !== undefined) {
    w.varint(0).text(bytes);
    return true;
  }
  const index = add ? names.intern(id) : names.find(id);
  if (index < 0) return false;
  w.varint(index + 1);
  return true;
}

/** The slot (as `idSlot` makes it) of an id written by `writeId`. */
export function readIdSlot(r: ByteReader): string {
  const ref = r.varint();
  return ref === 0 ? r.text(16) : nameSlot(ref - 1);
}

export function idFromSlot(slots: string, index: number, names: NameTable): string {
  const offset = index * 16;
  if (slots.charCodeAt(offset) !== 0x100) return uuidFromBytes(slots, offset);
  return names.value(Number(slots.slice(offset + 1, offset + 16))) as string;
}

/** The index of the last 16-byte slot equal to `slot`, or -1 (a match must start on a slot boundary). */
export function lastSlot(slots: string, slot: string): number {
  for (let at = slots.lastIndexOf(slot); at >= 0; at = at === 0 ? -1 : slots.lastIndexOf(slot, at - 1)) {
    if (at % 16 === 0) return at / 16;
  }
  return -1;
}
