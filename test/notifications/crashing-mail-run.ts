import { transformFile } from '@swc/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SENDER_SOURCES = [
  'test/notifications/sender.child.ts',
  'apps/api/src/notifications/mail-transport.ts',
  'apps/api/src/notifications/outbox-sender.ts',
  'apps/api/src/notifications/outbox.port.ts',
  'apps/api/src/notifications/sqlite.outbox.ts',
  'apps/api/src/scheduler/sqlite-checkpoints.ts',
];

/**
 * Compiles the sender and what it imports to JavaScript once, under `node_modules/.cache` (so that its packages
 * resolve), instead of compiling them in every one of the hundred sender processes. Answers the entry script.
 */
export async function compileSender(): Promise<{ script: string; remove(): Promise<void> }> {
  // A fresh `npm ci` has no node_modules/.cache yet.
  await mkdir(join(root, 'node_modules', '.cache'), { recursive: true });
  const out = await mkdtemp(join(root, 'node_modules', '.cache', 'outbox-crash-'));
  for (const source of SENDER_SOURCES) {
    const { code } = await transformFile(join(root, source), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
      swcrc: false,
    });
    const target = join(out, source.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
  }
  return { script: join(out, SENDER_SOURCES[0]!.replace(/\.ts$/, '.js')), remove: () => rm(out, { recursive: true, force: true }) };
}

export interface Received {
  messageId: string;
  raw: string;
}

export interface SenderExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface LaneReport {
  runs: number;
  kills: number;
  killsBeforeReply: number;
  received: Received[];
  exits: SenderExit[];
}

/**
 * One outbox drained by `sender.child.ts` into an SMTP server of its own on 127.0.0.1 that kills the sender with
 * SIGKILL on the second message of each run, `kills` times: on odd kills after storing the message and before its
 * 250 (the sender cannot have recorded it), on even kills just after the 250 (it may or may not have). Each run
 * thus records at least one delivery; after the last kill the sender runs to its end.
 */
export class CrashingMailRun {
  private readonly received: Received[] = [];
  private readonly exits: SenderExit[] = [];
  private child: ChildProcess | undefined;
  private acceptedThisRun = 0;
  private killed = 0;
  private killedBeforeReply = 0;

  constructor(
    private readonly dataDir: string,
    private readonly kills: number,
    /** The sender as runnable JavaScript (see `compileSender`). */
    private readonly script: string,
  ) {}

  async run(): Promise<LaneReport> {
    const server = this.server();
    // A killed sender resets its connection, or closes it under an answer being written (EPIPE, when the kill
    // lands just before the 250); anything else the server reports fails the run.
    const failures: Error[] = [];
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') failures.push(error);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    try {
      for (;;) {
        this.acceptedThisRun = 0;
        const exit = await this.sender(port);
        this.exits.push(exit);
        if (exit.signal !== 'SIGKILL') break;
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (failures.length > 0) throw failures[0];
    return { runs: this.exits.length, kills: this.killed, killsBeforeReply: this.killedBeforeReply, received: this.received, exits: this.exits };
  }

  private server(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      onData: (stream, _session, accept) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({ messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '', raw });
          this.acceptedThisRun += 1;
          const victim = this.child;
          if (this.killed >= this.kills || this.acceptedThisRun !== 2 || !victim) return accept();
          this.killed += 1;
          if (this.killed % 2 === 1) {
            this.killedBeforeReply += 1;
            victim.kill('SIGKILL');
            accept();
          } else {
            accept();
            setTimeout(() => victim.kill('SIGKILL'), Math.random() * 2);
          }
        });
      },
    });
  }

  private sender(port: number): Promise<SenderExit> {
    const child = spawn(process.execPath, [this.script, this.dataDir, String(port)], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  }
}
