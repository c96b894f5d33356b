/**
 * Bytes in strings. The access history keeps its grants as strings of char codes 0–255 (V8 stores those
 * one byte a char; they stay plain JSON/BSON strings): unsigned varints (7 bits a byte, least significant
 * first) and UUIDs as their 16 bytes. Numbers are handled arithmetically, so anything up to 2^53 is exact.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Collects bytes and turns them into one flat string. */
export class ByteWriter {
  private readonly bytes: number[] = [];

  byte(value: number): this {
    this.bytes.push(value);
    return this;
  }

  /** A non-negative integer up to 2^53. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a varint: ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest % 0x80) + 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
    return this;
  }

  /** Bytes held as a string of char codes 0–255 (a UUID's 16 bytes). */
  text(bytes: string): this {
    for (let i = 0; i < bytes.length; i += 1) this.bytes.push(bytes.charCodeAt(i));
    return this;
  }

  toString(): string {
    let text = '';
    // fromCharCode takes its arguments on the stack: chunks keep a long record within its limits.
    for (let i = 0; i < this.bytes.length; i += 4096) text += String.fromCharCode(...this.bytes.slice(i, i + 4096));
    return text;
  }
}

/** Reads what a ByteWriter wrote, from `offset` on. */
export class ByteReader {
  constructor(
    private readonly bytes: string,
    public offset = 0,
  ) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  byte(): number {
    if (this.offset >= this.bytes.length) throw new RangeError('read past the end of the bytes');
    return this.bytes.charCodeAt(this.offset++);
  }

  /** The next `length` bytes as a string of char codes 0–255. */
  text(length: number): string {
    if (this.offset + length > this.bytes.length) throw new RangeError('read past the end of the bytes');
    return this.bytes.slice(this.offset, (this.offset += length));
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
}

/** Signed integers as unsigned (0, -1, 1, -2… → 0, 1, 2, 3…), arithmetically. */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** The 16 bytes of a UUID in canonical form (lowercase, hyphenated); undefined for any other string. */
export function uuidBytes(id: string): string | undefined {
  if (!UUID.test(id)) return undefined;
  const hex = id.replaceAll('-', '');
  let bytes = '';
  for (let i = 0; i < 32; i += 2) bytes += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

/** The canonical UUID whose 16 bytes start at `offset`. */
export function uuidFromBytes(bytes: string, offset: number): string {
  let id = '';
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) id += '-';
    id += HEX[bytes.charCodeAt(offset + i)] as string;
  }
  return id;
}

/** Concatenation as one flat string: `a + b` would keep a rope node (~32 B) per append for good. */
export function joined(...parts: string[]): string {
  return parts.join('');
}

/**
 * `whole` then `part`, in O(1) amortized however long `whole` is: a V8 rope node (`+`, ~32 bytes) between
 * geometric steps of the length (one every ~9% of growth), one flat copy (`joined`) at each step. A string
 * grown this way is copied ~11 times in all instead of once per append, and keeps at most its last ~9% in
 * rope nodes (reading it flattens it in place). For logs too long for `joined` on every append.
 */
export function appendedAmortized(whole: string, part: string): string {
  const step = (length: number) => Math.floor(Math.log2(length) * 8);
  return step(whole.length + part.length) > step(whole.length) ? joined(whole, part) : whole + part;
}
