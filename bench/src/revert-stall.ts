/**
 * How long one revert holds the server's shared thread: a plan of the demo's size plus a batch of N added guests
 * (default 10,000: an import at the plan's scale), reverted — previewed twice, then applied — in this process, on
 * the bench's PostgreSQL (BENCH_DB), through the hub's own request handler. Prints each request's time and the
 * longest the event loop went without a turn meanwhile (a chain of setImmediate's longest gap): what every other plan on the
 * server waits. Not a scenario: a look at one path, as drop-trace and scrub-trace are.
 *
 *   node --import tsx src/revert-stall.ts [guests=10000] [--pglite]   (--pglite: an in-memory PGlite, which runs in this thread)
 */
import { demoPlanCommands, type Command } from '@seatfold/domain';
import { openStore } from '@seatfold/store';
import { PROTOCOL_VERSION } from '@seatfold/sync';
import { SyncHub } from '@seatfold/sync/server';
import { randomUUID } from 'node:crypto';
import { benchUrl, ensureBenchDatabase } from './db.ts';

const count = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000);
const pglite = process.argv.includes('--pglite');
if (!pglite) await ensureBenchDatabase();
const store = await openStore(pglite ? { dataDir: 'memory://' } : { databaseUrl: benchUrl });
// Budgets lifted: the point is the thread's time, not the refusals that ration it.
const lots = { perSecond: 1e9, burst: 1e9 };
const hub = new SyncHub({
  store,
  limits: { batchDecideMs: 600_000, decideMsPerPlan: lots, decideMsPerSocket: lots, storedBytesPerPlan: lots, storedBytesPerAddress: lots },
});
const seatfold = { id: 'name:Seatfold', name: 'Seatfold' };
const planId = `revert-${randomUUID()}`;
const token = randomUUID();
await store.createPlan({ id: planId, name: 'Revert', organiseToken: token, reviewToken: randomUUID(), createdAt: Date.now() });
const room = await hub.room(planId);
const batch = (label: string, commands: Command[], batchId = randomUUID()) =>
  room.submitBatch({
    commandId: randomUUID(),
    batchId,
    actor: seatfold,
    resent: false,
    kind: 'bulk',
    label,
    fileName: null,
    fileHash: null,
    summary: null,
    reverts: null,
    build: () => ({ commands }),
  });
await batch('Demo', demoPlanCommands());
const imported = randomUUID();
const added = Array.from({ length: count }, (_, i): Command => ({ type: 'addGuest', guestId: `added-${i}`, name: `Added Guest ${i}` }));
const made = await batch('Many guests', added, imported);
if (made.status !== 'accepted') throw new Error(`the batch was refused: ${JSON.stringify(made)}`);

const session = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
const joined = await session.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: 'bench', userName: 'Bench', lastVersion: 0 });
if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined)}`);

console.log(`plan of ${room.version} events; reverting a batch of ${count} added guests`);
for (const preview of [true, true, false]) {
  // A chain of setImmediate: one turn a loop iteration, so any piece of work that holds the thread is a gap.
  let last = performance.now();
  let longest = 0;
  let watching = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (watching) setImmediate(tick);
  };
  setImmediate(tick);
  const began = performance.now();
  const reply = (await session.handle('revert', { commandId: randomUUID(), batchId: randomUUID(), targetBatchId: imported, preview })) as {
    status: string;
  };
  const took = performance.now() - began;
  // the reply can come in the very turn that held the thread: one more turn, so the watch sees that turn end
  await new Promise((resolve) => setImmediate(resolve));
  watching = false;
  console.log(`${preview ? 'preview' : 'revert '} ${reply.status}: ${took.toFixed(0)} ms, the thread held at most ${longest.toFixed(0)} ms`);
}
await store.close();
process.exit(0);
