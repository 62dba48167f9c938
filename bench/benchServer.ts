/**
 * What the fuzz and soak benches share: the real server in a process of its own (so its RSS and a
 * crash are its own; embedded store in memory, warnings and errors logged), its error-level log
 * lines, the machine line every result starts with, and their command-line arguments. Loopback only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** `--name value` from the command line, else `fallback`. */
export const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Cores, memory, Node and the load average now: figures mean little without them. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${load}`;
}

export interface BenchServer {
  /** `ws://127.0.0.1:PORT`, for colyseus.js. */
  readonly endpoint: string;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  /** How the process ended, while it has not: null. */
  readonly crashed: string | null;
  /** The process's resident memory now, MiB (NaN once it has ended). */
  rssMiB(): number;
  /** Error- and fatal-level log lines, and anything saying "uncaught". */
  errorLines(): string[];
  stop(): void;
}

/**
 * Starts `server/main.ts` on a random port and resolves once `/health` answers. `cwd` runs another
 * checkout's server (an older commit, for a before/after bench); `env` adds to or overrides its settings;
 * `readyWithinMs` (default 20 s) is how long it may take to answer on a loaded machine.
 */
export async function startBenchServer(
  opts: { cwd?: string; env?: Record<string, string>; readyWithinMs?: number } = {},
): Promise<BenchServer> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const log: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: 'memory', ...opts.env },
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let crashed: string | null = null;
  child.on('exit', (code, signal) => (crashed = `exited with ${code ?? signal}`));
  for (const s of [child.stdout, child.stderr]) s.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
  const base = `http://127.0.0.1:${port}`;
  const server: BenchServer = {
    endpoint: `ws://127.0.0.1:${port}`,
    base,
    get crashed() {
      return crashed;
    },
    rssMiB() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : NaN;
      } catch {
        return NaN;
      }
    },
    errorLines: () => log.filter((l) => /"level":(50|60)/.test(l) || /uncaught/i.test(l)),
    stop: () => void child.kill('SIGTERM'),
  };
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/health`);
      return server;
    } catch {
      if (i * 100 > (opts.readyWithinMs ?? 20_000) || crashed) {
        server.stop();
        throw new Error(`server did not start${crashed ? ` (${crashed})` : ''}: ${log.slice(-5).join(' | ')}`);
      }
      await sleep(100);
    }
  }
}
