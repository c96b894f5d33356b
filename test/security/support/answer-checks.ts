import type { Response } from 'supertest';

/** Signs of an internal leaking out: stack frames, source or install paths. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\bat (?:async )?[\w$.<>[\] ]+ \(?(?:file:|node:|\/)[^)]*:\d+:\d+\)?/],
  ['stack frame', /\n\s+at \S/],
  ['source path', /(?:^|[\s"'(=])(?:file:\/\/)?\/(?:[\w.@-]+\/)+[\w.@-]+\.(?:ts|js|mjs|cjs)(?::\d+)?/],
  ['install path', /node_modules/],
  ['error class', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|SqliteError)\b/],
];

/**
 * What is wrong with an answer, by the rules every answer must keep (R-SEC-3): never a 5xx, never a stack trace or
 * a file path in the body, and every 4xx an RFC 9457 problem with `type`, `title`, `status` (the answer's) and `code`.
 * `echoed` are strings the request carried: they are removed before looking for leaks, since a problem may quote input.
 */
export function answerDefects(res: Pick<Response, 'status' | 'headers' | 'text' | 'body'>, echoed: string[] = []): string[] {
  const defects: string[] = [];
  if (res.status >= 500) defects.push(`status ${res.status}`);
  let text = res.text ?? '';
  for (const input of echoed.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) {
    text = text.split(input).join('').split(JSON.stringify(input).slice(1, -1)).join('');
  }
  for (const [name, pattern] of LEAKS) if (pattern.test(text)) defects.push(`${name} in the body`);
  if (res.status >= 400 && res.status < 500) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) defects.push(`content-type ${type || 'none'}`);
    const body = (res.body ?? {}) as Record<string, unknown>;
    for (const field of ['type', 'title', 'code'] as const) if (typeof body[field] !== 'string' || body[field] === '') defects.push(`no ${field}`);
    if (body.status !== res.status) defects.push(`status field ${String(body.status)}`);
  }
  return defects;
}

/** Every string inside a JSON-like value (keys included), to tell echoed input from leaks. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsIn(v, out);
    }
  }
  return out;
}

/** Counts answers by status, for the figures the suites print. */
export class AnswerTally {
  readonly byStatus = new Map<number, number>();
  total = 0;

  add(status: number): void {
    this.total++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  count(predicate: (status: number) => boolean): number {
    return [...this.byStatus].filter(([s]) => predicate(s)).reduce((sum, [, n]) => sum + n, 0);
  }

  toString(): string {
    const statuses = [...this.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    return `${this.total} requests (${statuses}); 5xx: ${this.count((s) => s >= 500)}`;
  }
}
