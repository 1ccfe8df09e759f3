import { openStore } from '@seatfold/store';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { ensureDemoPlan } from './plans.ts';

/** `pnpm start`: Seatfold on PGlite in SEATFOLD_DATA_DIR, or on PostgreSQL when DATABASE_URL is set. */
async function main() {
  const config = readConfig();
  const log = (m: string) => console.log(`[seatfold] ${m}`);
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl, log } : { dataDir: config.dataDir, log });
  log(config.databaseUrl ? `event store: PostgreSQL (${redact(config.databaseUrl)})` : `event store: embedded PGlite in ${config.dataDir}`);
  const app = createApp({ store, demo: config.demo, log });
  const port = await app.listen(config.port, config.host);
  const base = `http://localhost:${port}`;
  if (config.demo) {
    const demo = await ensureDemoPlan(store, app.hub);
    log(`demo plan — organise: ${base}${demo.organisePath}`);
    log(`demo plan — review:   ${base}${demo.reviewPath}`);
  }
  log(`Seatfold is running at ${base}`);

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

main().catch((err: Error) => {
  console.error(`[seatfold] could not start: ${err.message}`);
  process.exit(1);
});
