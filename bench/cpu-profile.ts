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

/**
 * Self time by where the code lives: a package under node_modules, a lib or app folder of this repository, Node's
 * internals, or V8's own buckets ((garbage collector), (idle), (program)). Native functions (SQLite's statement
 * calls, socket writes) have no URL and are grouped as `native`.
 */
export function selfTimeByArea(path: string, top = 10): Array<{ area: string; selfPercent: number }> {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const { functionName, url } = byId.get(id)!.callFrame;
    const area = url ? areaOf(url) : functionName.startsWith('(') ? functionName : 'native';
    counts.set(area, (counts.get(area) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([area, hits]) => ({ area, selfPercent: Math.round((hits / total) * 1000) / 10 }));
}

function areaOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(libs\/[^/]+|apps\/api\/src\/[^/]+|bench)\//.exec(url);
  return own ? own[1]! : url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    console.log(`\n${file}\nby area: ${selfTimeByArea(file).map((a) => `${a.area} ${a.selfPercent}%`).join(', ')}`);
    for (const f of topSelfTime(file)) console.log(`${String(f.selfPercent).padStart(5)}%  ${f.name}  ${f.where}`);
  }
}
