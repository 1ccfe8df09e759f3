// The RSS floor of the server (memory scenario): a plain node process (no tsx) that loads only what the server
// cannot run without — pg with a kysely pool and one open connection, zod, hono on @hono/node-server with
// socket.io attached, listening — and, with `pglite`, an in-memory PGlite as embedded mode opens it. Once listening
// it gives back start-up's memory as the server does, then prints its port; the bench reads its RSS as it reads the
// compiled server's. Modules resolve from apps/server.
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import console from 'node:console';
import process from 'node:process';
import { URL, pathToFileURL } from 'node:url';

const fromServer = createRequire(new URL('../../apps/server/package.json', import.meta.url));
const load = (name) => import(pathToFileURL(fromServer.resolve(name)).href);

const [{ default: pg }, { Kysely, PostgresDialect, sql }, { z }, { Hono }, { serve }, { Server }] = await Promise.all(
  ['pg', 'kysely', 'zod', 'hono', '@hono/node-server', 'socket.io'].map(load),
);
const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) }) });
await sql`select 1`.execute(db);
z.object({ ok: z.boolean() }).parse({ ok: true });
if (process.argv[2] === 'pglite') {
  const { PGlite } = await load('@electric-sql/pglite');
  const lite = new PGlite('memory://');
  await lite.query('select 1');
}
const app = new Hono().get('/', (c) => c.text('ok'));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => void listening(info.port));
new Server(server, { serveClient: false });

/** As the server's main.ts does once it listens (apps/server/src/memory.ts): start-up's garbage and young generation given back. */
async function listening(port) {
  const session = new Session();
  session.connect();
  await new Promise((resolve, reject) => session.post('HeapProfiler.collectGarbage', (err) => (err ? reject(err) : resolve())));
  session.disconnect();
  console.log(`running at http://127.0.0.1:${port}`);
}
process.on('SIGTERM', () => process.exit(0));
