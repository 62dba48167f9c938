/**
 * A real server whose log lines a test can read (JSON lines, newest last): for rules about what the
 * server logs, e.g. one line per refusal and no stack traces.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { startTwinverse, type Twinverse } from '../../server/app.js';

export interface LoggedServer extends Twinverse {
  endpoint: string;
  lines: string[];
}

export async function startLoggedServer(env: Record<string, string> = {}): Promise<LoggedServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PATCH_RATE_MS: '20',
    RECONNECT_SECONDS: '1',
    SIMULATOR: 'off',
    DATA_DIR: 'memory',
    ...env,
  });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const server = await startTwinverse(config, pino({ level: 'info' }, sink));
  return Object.assign(server, { endpoint: `ws://127.0.0.1:${server.port}`, lines });
}
