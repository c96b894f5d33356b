// Sections and servers of `npm run bench` run as child processes: each gets its own heap, its own flags
// (--expose-gc, --cpu-prof) and, for servers, its own event loop apart from the load generator.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface ForkOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. `--expose-gc`, `--cpu-prof`. */
  nodeFlags?: string[];
  args?: string[];
}

/** Starts `bench/<file>` (TypeScript, through the project's loader) with an IPC channel. */
export function forkBench(file: string, options: ForkOptions = {}): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), options.args ?? [], {
    cwd: root,
    env: { ...process.env, ...options.env },
    execArgv: ['--import', './scripts/ts-register.mjs', ...(options.nodeFlags ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The child's next message of `type`; rejects when the child exits first. */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== type) return;
      cleanup();
      resolve(message as T);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`bench child exited (code ${code}, signal ${signal}) before sending "${type}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Asks a child to stop and waits for its exit (a killed child would not write its CPU profile). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'stop' });
  await exited;
}

/** Runs a section that answers one `result` message and exits. */
export async function runSection<T>(file: string, options: ForkOptions = {}): Promise<T> {
  const child = forkBench(file, options);
  const result = await nextMessage<{ type: 'result'; result: T }>(child, 'result');
  await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return result.result;
}

/** In a child: hands the parent a message (the IPC channel exists because the parent forked us). */
export function tell(message: { type: string } & Record<string, unknown>): void {
  if (!process.send) throw new Error('this bench file runs as a child of bench/run.ts (no IPC channel)');
  process.send(message);
}
