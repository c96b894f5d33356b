// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, with their file.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotFunction {
  name: string;
  where: string;
  selfPercent: number;
}

/** The `top` functions by self time (share of all samples), merged by name and location. */
export function topSelfTime(path: string, top = 12): HotFunction[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, { name: string; where: string; hits: number }>();
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^file:\/\/.*?\/(node_modules|apps|libs|bench)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = counts.get(key) ?? { name: frame.functionName || '(anonymous)', where, hits: 0 };
    entry.hits += 1;
    counts.set(key, entry);
  }
  const total = profile.samples.length;
  return [...counts.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfPercent: Math.round((e.hits / total) * 1000) / 10 }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    console.log(`\n${file}`);
    for (const f of topSelfTime(file)) console.log(`${String(f.selfPercent).padStart(5)}%  ${f.name}  ${f.where}`);
  }
}
