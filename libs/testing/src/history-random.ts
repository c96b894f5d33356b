/**
 * A seeded pseudo-random source (mulberry32) for generated histories: the same seed gives the same
 * history, ids included, so runs and digests can be compared.
 */
export class HistoryRandom {
  private state: number;
  private ids = 0;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from nothing');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct items (fewer when there are fewer), in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return chosen;
  }

  /** A UUID-shaped id (version 4 layout), unique within this source. */
  uuid(): string {
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);
    const counter = (this.ids += 1);
    const noise = Math.floor(this.next() * 0xffffffff);
    return `${hex(noise, 8)}-${hex(counter >>> 16, 4)}-4${hex(counter & 0xfff, 3)}-8${hex(noise >>> 20, 3)}-${hex(counter, 12)}`;
  }
}
