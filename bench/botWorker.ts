/**
 * One thread of bots for the capacity benches (room.ts, naf.ts, hosts.ts): a worker that loads a bots
 * module (`roomBots.ts`, `nafBots.ts`) under tsx, says when its bots have joined, and reports when
 * told to stop.
 */
import { Worker } from 'node:worker_threads';
import type { BotsToMain } from './roomJob.js';

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
