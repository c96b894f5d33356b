// The one report of `npm run bench`: rows of figure, baseline, ratio, goal and verdict, printed as a markdown
// table and written to bench/results/latest.json with the machine it ran on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** A goal: the figure itself (`min`/`max`), or its ratio to the baseline (`minRatio`/`maxRatio`). */
export type Goal = { min: number } | { max: number } | { minRatio: number } | { maxRatio: number };

export interface Row {
  section: string;
  figure: string;
  value: number | null;
  unit: string;
  /** The same-run baseline this figure is read against. */
  baseline?: { name: string; value: number; unit: string };
  goal?: Goal;
  /** Why a figure is missing or how to read it (e.g. "route not there yet"). */
  note?: string;
}

export interface ScoredRow extends Row {
  ratio: number | null;
  met: boolean | null;
}

export function score(row: Row): ScoredRow {
  const ratio = row.value !== null && row.baseline && row.baseline.value > 0 ? row.value / row.baseline.value : null;
  const goal = row.goal;
  let met: boolean | null = null;
  if (goal && row.value !== null) {
    if ('min' in goal) met = row.value >= goal.min;
    else if ('max' in goal) met = row.value <= goal.max;
    else if (ratio === null) met = null;
    else met = 'minRatio' in goal ? ratio >= goal.minRatio : ratio <= goal.maxRatio;
  }
  return { ...row, ratio, met };
}

/** Rounds to three significant digits, with thousands separators for large values. */
export function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

function goalText(goal: Goal | undefined, unit: string): string {
  if (!goal) return '';
  if ('min' in goal) return `≥ ${fmt(goal.min)} ${unit}`;
  if ('max' in goal) return `≤ ${fmt(goal.max)} ${unit}`;
  return 'minRatio' in goal ? `≥ ${goal.minRatio}×` : `≤ ${goal.maxRatio}×`;
}

export function markdownTable(rows: ScoredRow[]): string {
  const lines = ['| section | figure | value | baseline (same run) | ratio | goal | met |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const value = r.value === null ? `— ${r.note ?? ''}`.trim() : `${fmt(r.value)} ${r.unit}`;
    const baseline = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.baseline.unit}` : '';
    const ratio = r.ratio === null ? '' : `${fmt(r.ratio)}×`;
    const met = r.met === null ? (r.goal ? 'not measured' : '') : r.met ? 'yes' : '**no**';
    lines.push(`| ${r.section} | ${r.figure} | ${value} | ${baseline} | ${ratio} | ${goalText(r.goal, r.unit)} | ${met} |`);
  }
  return lines.join('\n');
}

/** What the figures were measured on; the ratios matter more than the absolute numbers on a shared 2-core VM. */
export function machineInfo() {
  const cpuinfo = safe(() => readFileSync('/proc/cpuinfo', 'utf8'));
  const model = cpuinfo ? /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] : cpus()[0]?.model;
  return {
    node: process.version,
    nproc: Number(safe(() => execFileSync('nproc', { encoding: 'utf8' }).trim()) ?? cpus().length),
    cpuModel: model ?? 'unknown',
    memory: safe(() => execFileSync('free', ['-h'], { encoding: 'utf8' }).trim()) ?? `${totalmem()} B total, ${freemem()} B free`,
    loadAverage: loadavg(),
  };
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined; // a missing /proc or `free` leaves the field to its fallback
  }
}

export function writeJson(path: string, content: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}
