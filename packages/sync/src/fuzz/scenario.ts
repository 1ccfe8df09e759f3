import { stateHash } from '@seatfold/domain';
import { prng } from '@seatfold/domain/testing';
import type { EventStore } from '@seatfold/store';
import { bareHolder, commandReplyOf, OfflineError, SyncClient, type StateHolder } from '../client-engine.ts';
import { clientReducer, type ClientAction, type PendingCommand } from '../client-state.ts';
import { SYSTEM_ACTOR, type CommandReply, type RequestOf } from '../protocol.ts';
import { SyncHub } from '../server/hub.ts';
import { LinkCutError, ScheduledNetwork } from '../testing/scheduled-network.ts';
import { clientProblem, historyProblem, outcomeKey, Reference, storeProblems } from './checks.ts';
import { setupCommands } from './generate.ts';
import { performOp, type FuzzWorld, type HistoryPage } from './ops.ts';
import { MERITS, NO_LIMITS, OPS, WEIGHTS, type Client, type FuzzOptions, type FuzzResult, type Sent } from './model.ts';

export { OPS, type FuzzOptions, type FuzzResult, type Op } from './model.ts';

/**
 * One fuzz run: organisers edit one small, crowded plan through a ScheduledNetwork, and the seed decides
 * everything — which queue delivers next, who acts, what they send, when they drop off, reload or come back.
 * Invariants are checked after every step; at quiescence (mid-run when the seed says so, and at the end)
 * everybody must agree with the server and the store. Throws with the seed, the step and the recent trace.
 */
export async function runFuzz(store: EventStore, seed: number, opts: FuzzOptions): Promise<FuzzResult> {
  const r = prng(seed);
  let clock = 1_000_000;
  const logs: string[] = [];
  const hub = new SyncHub({
    store,
    now: () => clock,
    // Presence is coalesced on wall-clock timers, which would make the schedule depend on time: it is left out.
    presenceIntervalMs: 2 ** 30,
    limits: NO_LIMITS,
    // unloaded only when the fuzz sweeps; a small snapshot interval so reloads start from snapshots too
    unload: { idleMs: 0, sweepEveryMs: 0 },
    snapshotEvery: 25,
    log: (m) => logs.push(m),
  });
  const planId = `fuzz-${seed}-${opts.run ?? 'a'}`;
  const token = `org-${planId}`;
  await store.createPlan({ id: planId, name: 'Fuzz', organiseToken: token, reviewToken: `rev-${planId}`, createdAt: 0 });
  const setup = await (
    await hub.room(planId)
  ).submitBatch({
    commandId: 'setup',
    batchId: 'setup',
    actor: SYSTEM_ACTOR,
    resent: false,
    kind: 'setup',
    label: 'Set-up',
    fileName: null,
    fileHash: null,
    summary: null,
    reverts: null,
    build: () => ({ commands: setupCommands(r) }),
  });
  if (setup.status !== 'accepted') throw new Error(`setup refused: ${JSON.stringify(setup)}`);

  const net = new ScheduledNetwork(hub);
  const ref = new Reference(store, planId);
  const problems: string[] = [];
  /** the first delivered reply per command id (previews excluded): every later one must say the same */
  const replies = new Map<string, CommandReply>();
  /** batches that exist (accepted) or never will (refused or unknown): revert targets */
  const batchIds: string[] = ['setup', 'no-such-batch'];
  const expectInvalid = new Set<string>();
  const pages: HistoryPage[] = [];
  const stats: Record<string, number> = {};
  const count = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
  let ids = 0;
  const newId = (prefix: string) => `${prefix}-${++ids}`;

  const onReply = (c: Client, reply: CommandReply, preview = false) => {
    if (reply.status === 'rejected') {
      const code = reply.error.code;
      if (code === 'Forbidden') count('forbidden');
      const expected = MERITS.has(code) || (code === 'InvalidCommand' && expectInvalid.has(reply.commandId)) || (code === 'Forbidden' && c.reviewer);
      if (!expected) {
        problems.push(`${c.name}: ${reply.commandId} refused with ${code}: ${reply.error.message}`);
      }
    }
    if (preview) return;
    const first = replies.get(reply.commandId);
    if (!first) replies.set(reply.commandId, reply);
    else if (outcomeKey(first) !== outcomeKey(reply)) {
      problems.push(`${reply.commandId} was answered ${outcomeKey(first)}, later ${outcomeKey(reply)}`);
    }
  };

  /** A state holder that also watches the engine's replies (the server's answers to single commands). */
  const watched = (c: () => Client): StateHolder => {
    const inner = bareHolder(clientReducer);
    return {
      getState: inner.getState,
      dispatch(a: ClientAction) {
        if (a.type === 'sync/replied') {
          const { reply } = a.payload;
          onReply(c(), reply);
          const p = inner.getState().pending.find((x) => x.commandId === reply.commandId);
          if (p && reply.status === 'accepted')
            c().accepted.push({ type: 'command', req: { commandId: p.commandId, command: p.command, batchId: p.batchId } });
        }
        inner.dispatch(a);
      },
    };
  };

  const open = (c: Client, restored: PendingCommand[]) => {
    const link = net.link(`${c.name}${c.reloads ? `.${c.reloads}` : ''}`);
    const holder = watched(() => c);
    if (restored.length > 0) holder.dispatch({ type: 'sync/restored', payload: restored });
    const engine = new SyncClient({
      transport: link.transport,
      holder,
      token: c.reviewer ? `rev-${planId}` : token,
      clientId: c.name,
      userName: c.userName,
      newId: () => newId(c.name),
      now: () => clock,
      onStatus: (status, error) => {
        if (error) problems.push(`${c.name}: connection ${status}: ${error.code}: ${error.message}`);
      },
    });
    Object.assign(c, { link, holder, engine, checked: null });
    engine.start();
    link.connect();
  };

  const clients: Client[] = [];
  const clientCount = 3 + r.int(2);
  for (let i = 0; i < clientCount; i++) {
    // Sometimes the last one has the review link: everything it tries to change is refused (Forbidden) and rolled back.
    const reviewer = i === clientCount - 1 && r.chance(0.5);
    const c = {
      name: `c${i}`,
      userName: `${reviewer ? 'Reviewer' : 'Organiser'} ${i}`,
      reviewer,
      mine: [],
      lost: [],
      accepted: [],
      checked: null,
      reloads: 0,
    } as unknown as Client;
    open(c, []);
    clients.push(c);
  }

  /** Sends a command-like request through the engine; its reply (or its loss) is recorded when it comes. */
  const commandLike = (c: Client, type: Sent['type'], req: Sent['req'], preview = false) => {
    const sent =
      type === 'command'
        ? c.engine.request('command', req as RequestOf<'command'>).then((answer) => commandReplyOf(req.commandId, answer))
        : type === 'batch'
          ? c.engine.batch(req as RequestOf<'batch'>)
          : type === 'undo'
            ? c.engine.undo(req as RequestOf<'undo'>)
            : c.engine.revert(req as RequestOf<'revert'>);
    sent.then(
      (reply) => {
        count(`${type}${preview ? ' preview' : ''} ${reply.status}`);
        onReply(c, reply, preview);
        if (reply.status !== 'accepted' || preview) return;
        if (type === 'command') return;
        c.mine.push(req.commandId);
        c.accepted.push({ type, req });
        batchIds.push(type === 'undo' ? `undo-${req.commandId}` : (req as RequestOf<'batch'>).batchId);
      },
      (err: unknown) => {
        if (err instanceof LinkCutError) {
          if (!preview) c.lost.push({ type, req });
        } else if (!(err instanceof OfflineError)) problems.push(`${c.name}: ${type} failed: ${String(err)}`);
      },
    );
  };

  /** The checks of every step: nothing odd reported, the store's fold sound, every client's state sound. */
  const check = async () => {
    // The store is read only when somebody claims a version beyond the fold (a read per step would cost most of the run).
    const claimed = Math.max(...clients.map((c) => c.holder.getState().confirmed.version), ...pages.map((p) => p.version));
    if (claimed > ref.version) await ref.catchUp();
    for (const page of pages.splice(0)) {
      const p = historyProblem(page, ref);
      if (p) problems.push(p);
    }
    for (const c of clients) {
      const s = c.holder.getState();
      if (s === c.checked) continue;
      const p = clientProblem(c.name, s, ref);
      if (p) problems.push(p);
      c.checked = s;
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
  };

  /** Everybody comes back and every queue drains (in an order the seed picks); then all must agree. */
  const quiesce = async () => {
    for (const c of clients) c.link.connect();
    await ref.catchUp();
    for (let n = 0; ; n++) {
      const ready = net.ready();
      if (ready.length === 0) break;
      if (n > 20_000) throw new Error('the queues never drained');
      net.deliver(r.pick(ready));
      await net.settle();
      await check();
    }
    const stuck = clients.filter((c) => !c.engine.isLive || c.holder.getState().pending.length > 0 || c.holder.getState().needsResync);
    if (stuck.length > 0) {
      throw new Error(
        `quiet, but not converged: ${stuck.map((c) => `${c.name} live=${c.engine.isLive} pending=${c.holder.getState().pending.length}`).join(', ')}`,
      );
    }
    await ref.catchUp();
    const server = await (await hub.room(planId)).snapshot();
    if (server.version !== ref.version || stateHash(server) !== ref.hash)
      throw new Error(`the server room (version ${server.version}) differs from the store's fold (version ${ref.version})`);
    for (const c of clients) {
      const s = c.holder.getState();
      if (stateHash(s.confirmed) !== ref.hash)
        throw new Error(`${c.name}'s confirmed state (version ${s.confirmed.version}) differs from the server's (${ref.version})`);
      if (stateHash(s.view) !== ref.hash) throw new Error(`${c.name}'s view differs from the server's state with nothing pending`);
    }
    count('quiesced');
  };

  const world: FuzzWorld = {
    r,
    net,
    hub,
    clients,
    problems,
    batchIds,
    expectInvalid,
    pages,
    count,
    newId,
    idCount: () => ids,
    open,
    commandLike,
    quiesce,
  };

  let step = 0;
  let current = '';
  try {
    const weights = { ...WEIGHTS, ...opts.weights };
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    for (; step < opts.steps; step++) {
      clock += r.int(40);
      let roll = r.next() * total;
      const op = OPS.find((o) => (roll -= weights[o]) < 0) ?? 'deliver';
      const c = r.pick(clients);
      current = `${op} by ${c.name}`;
      count(await performOp(world, op, c));
      await net.settle();
      await check();
    }
    current = 'final quiescence';
    await quiesce();
    const stored = await storeProblems(store, planId, replies);
    if (stored.length > 0) throw new Error(stored.join('\n'));
    const failed = logs.filter((l) => /failed|threw|not appended/.test(l));
    if (failed.length > 0) throw new Error(`the server logged failures:\n${failed.join('\n')}`);
  } catch (err) {
    const e = err as Error;
    e.message = `sync fuzz failed for seed ${seed} at step ${step} (${current}) — replay: SEATFOLD_SYNC_FUZZ_SEED=${seed}\n${e.message}\nlast deliveries:\n  ${net.trace.slice(-25).join('\n  ')}`;
    throw e;
  } finally {
    for (const c of clients) {
      c.engine.stop();
      c.link.cut();
    }
    hub.close();
  }
  return { trace: net.trace, stats };
}
