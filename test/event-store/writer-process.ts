import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One acknowledged append, as the child reported it. */
export interface Ack {
  stream: string;
  lastRevision: bigint;
  lastPosition: bigint;
  ids: string[];
}

export interface WriterProcess {
  child: ChildProcess;
  acks: Ack[];
  /** Resolves when the child has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts `sqlite-writer.child.ts` in its own Node process. Jest runs TypeScript in its own VM,
 * a child needs runnable JS: the project's loader hook (scripts/ts-register.mjs) compiles the
 * .ts files with @swc/core as Node loads them.
 */
export function startWriter(
  dataDir: string,
  events: number,
  writers: number,
  label: string,
  onAck: (ack: Ack, count: number) => void = () => undefined,
): WriterProcess {
  const child = spawn(
    process.execPath,
    ['--import', './scripts/ts-register.mjs', 'test/event-store/sqlite-writer.child.ts', dataDir, String(events), String(writers), label],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const acks: Ack[] = [];
  let acked = 0;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [kind, stream, lastRevision, lastPosition, ids] = line.split(' ');
    if (kind !== 'ack' || !stream || !lastRevision || !lastPosition || !ids) return;
    const ack = { stream, lastRevision: BigInt(lastRevision), lastPosition: BigInt(lastPosition), ids: ids.split(',') };
    acks.push(ack);
    acked += ack.ids.length;
    onAck(ack, acked);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, acks, exited };
}
