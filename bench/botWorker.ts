/**
 * One thread of bots for the capacity benches (room.ts, naf.ts, hosts.ts): a worker that loads a bots
 * module (`roomBots.ts`, `nafBots.ts`) under tsx, says when its bots have joined, and reports when
 * told to stop.
 */
import { Worker } from 'node:worker_threads';
import type { BotsToMain, MainToBots } from './roomJob.js';

export type BotsReport = Extract<BotsToMain, { kind: 'report' }>;

export interface BotWorker {
  worker: Worker;
  /** Settles when every bot of the thread has joined; fails with the thread's error. */
  ready: Promise<void>;
  /** The thread's report, after `stop`. */
  report: Promise<BotsReport>;
}

/** Starts the bots module `file` (beside this one) in a worker thread with `job` as its workerData. */
export function startBotWorker(file: string, job: unknown): BotWorker {
  // Workers do not inherit tsx's loader: register it inside, then load the bots' module.
  const source = new URL(file, import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, {
    eval: true,
    workerData: job,
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: BotsToMain) => {
      if (m.kind === 'ready') resolve();
      if (m.kind === 'error') reject(new Error(m.message));
    });
    worker.on('error', reject);
  });
  const report = new Promise<BotsReport>((resolve, reject) => {
    worker.on('message', (m: BotsToMain) => {
      if (m.kind === 'report') resolve(m);
    });
    worker.on('error', reject);
  });
  return { worker, ready, report };
}

/** Several bot threads sharing one population of `n` bots, each thread given a slice [from, to). */
export interface BotThreads {
  /** Tells every thread to start sending. */
  start(): void;
  /** Tells every thread to stop and gathers their reports. */
  stop(): Promise<BotsReport[]>;
  /** Ends the threads (also after a failure). */
  terminate(): Promise<void>;
}

/**
 * Starts `threads` workers of the bots module `file`, splitting `n` bots evenly; `jobFor` makes each
 * thread's workerData from its slice. Resolves when every thread's bots have joined.
 */
export async function startBotThreads(
  file: string,
  n: number,
  threads: number,
  jobFor: (from: number, to: number) => unknown,
): Promise<BotThreads> {
  const per = Math.ceil(n / threads);
  const started: BotWorker[] = [];
  for (let w = 0; w < threads && w * per < n; w++) started.push(startBotWorker(file, jobFor(w * per, Math.min(n, (w + 1) * per))));
  const terminate = async () => void (await Promise.all(started.map((b) => b.worker.terminate())));
  try {
    await Promise.all(started.map((b) => b.ready));
  } catch (e) {
    await terminate();
    throw e;
  }
  return {
    start: () => started.forEach((b) => b.worker.postMessage({ kind: 'start' } satisfies MainToBots)),
    stop: () => {
      started.forEach((b) => b.worker.postMessage({ kind: 'stop' } satisfies MainToBots));
      return Promise.all(started.map((b) => b.report));
    },
    terminate,
  };
}
