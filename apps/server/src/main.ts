import { openStore, StoreUnavailableError } from '@seatfold/store';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { openAuth } from './auth/index.ts';
import { readConfig } from './config.ts';
import { redactTokens } from './http/log.ts';
import { releaseStartupMemory } from './memory.ts';
import { ensureDemoPlan } from './plans.ts';

/**
 * `npm start`: Seatfold on PGlite in SEATFOLD_DATA_DIR, or on PostgreSQL when DATABASE_URL is set. Logs: JSON lines (pino).
 * The start script sets MALLOC_ARENA_MAX=2: glibc's malloc keeps at most two arenas for the main, V8 and libuv threads
 * (its default allows 8 per core): −4 MB resident at idle, no throughput cost measured (commit message of this change).
 */
const logger = pino({ base: { app: 'seatfold' }, level: process.env.LOG_LEVEL ?? 'info' });
const log = (m: string) => logger.info(redactTokens(m));

// The last-resort net, not the fix: a bug that escapes every handler is logged and the server keeps serving the
// other planners (each request and socket message has its own error handling; this catches what slips through).
process.on('unhandledRejection', (reason) => logger.error(redactTokens(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`)));
process.on('uncaughtException', (err) => logger.error(redactTokens(`uncaught exception: ${err.stack ?? String(err)}`)));

async function main() {
  const config = readConfig();
  const room = {
    diskReserveBytes: config.diskReserveMb === undefined ? undefined : config.diskReserveMb * 2 ** 20,
    databaseMaxBytes: config.databaseMaxMb === undefined ? undefined : config.databaseMaxMb * 2 ** 20,
  };
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl, log, ...room } : { dataDir: config.dataDir, log, ...room });
  log(config.databaseUrl ? `event store: PostgreSQL (${redact(config.databaseUrl)})` : `event store: embedded PGlite in ${config.dataDir}`);
  const auth = await openAuth(store, log);
  const app = createApp({
    store,
    auth,
    mail: config.mail,
    publicUrl: config.publicUrl,
    demo: config.demo,
    log,
    origins: config.origins,
    trustedProxies: config.trustedProxies,
    // the server-wide limit grows with the per-address one (a company behind one address, or a test suite)
    creationLimits:
      config.plansPerMinute === undefined
        ? undefined
        : { perAddressPerMinute: config.plansPerMinute, totalPerMinute: Math.max(120, config.plansPerMinute) },
    requestLog: (entry) => logger.info({ req: entry }, 'request'),
  });
  const port = await app.listen(config.port, config.host);
  const base = `http://localhost:${port}`;
  if (config.demo) {
    // A database that cannot store it now (its disk under the reserve) leaves the server up without the demo.
    const demo = await ensureDemoPlan(store, app.hub).catch((err: unknown) => {
      if (!(err instanceof StoreUnavailableError)) throw err;
      log(`the demo plan could not be set up now (${err.message}); it is made at the next start`);
      return null;
    });
    // The demo links are meant to be shared: printed on purpose, on the console only (not through the redacting log).
    if (demo) console.log(`[seatfold] demo plan — organise: ${base}${demo.organisePath}`);
    if (demo) console.log(`[seatfold] demo plan — review:   ${base}${demo.reviewPath}`);
  }
  // Start-up's garbage and its grown young generation, given back before the first planner arrives (memory.ts).
  const releaseMs = await releaseStartupMemory();
  log(`Seatfold is running at ${base}`);
  if (releaseMs !== null) logger.debug(`start-up memory released in ${releaseMs.toFixed(0)} ms`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

main().catch((err: unknown) => {
  // Not every throw is an Error (PGlite's WebAssembly aborts throw other values): say what it was, never "undefined".
  const why = err instanceof Error ? err.message : typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
  logger.fatal(`could not start: ${why || String(err)}`);
  process.exit(1);
});
