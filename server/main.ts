/**
 * Composition root: configuration from the environment, then one server process. See README
 * "Configuration" for the variables.
 */
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startTwinverse } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await startTwinverse(config, log);
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE')
    console.error(
      `Port ${e.port ?? process.env.PORT ?? 2567} is already in use (another Twinverse?). Stop it, or start on another port: PORT=3000 npm start`,
    );
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
