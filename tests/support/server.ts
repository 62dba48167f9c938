/**
 * Starts a real Twinverse server in the test's process on a free port, with the same composition as
 * `npm start` (only the port, log level and overrides differ).
 */
import { loadConfig, type Config } from '../../server/config.js';
import { startTwinverse, type Twinverse } from '../../server/app.js';
import { createLogger } from '../../server/log.js';

export interface TestServer extends Twinverse {
  /** ws:// endpoint for colyseus.js. */
  endpoint: string;
}

export async function startTestServer(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<TestServer> {
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), ...overrides };
  const server = await startTwinverse(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  return Object.assign(server, { endpoint: `ws://127.0.0.1:${server.port}` });
}
