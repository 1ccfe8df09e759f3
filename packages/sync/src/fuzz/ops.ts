import { decide, evolve } from '@seatfold/domain';
import type { prng } from '@seatfold/domain/testing';
import type { PendingCommand } from '../client-state.ts';
import type { WireEvent } from '../protocol.ts';
import type { SyncHub } from '../server/hub.ts';
import { LinkCutError, type ScheduledNetwork } from '../testing/scheduled-network.ts';
import { malformedCommand, randomCommand } from './generate.ts';
import type { Client, Op, Sent } from './model.ts';

/** A page of history a client asked for, kept until the next check compares it with the store's fold. */
export interface HistoryPage {
  afterVersion: number;
  limit: number;
  events: WireEvent[];
  version: number;
}

/** What an operation of the fuzz may touch: the run's shared state and helpers (built by runFuzz in scenario.ts). */
export interface FuzzWorld {
  r: ReturnType<typeof prng>;
  net: ScheduledNetwork;
  hub: SyncHub;
  clients: Client[];
  problems: string[];
  /** batches that exist (accepted) or never will (refused or unknown): revert targets */
  batchIds: string[];
  /** command ids sent with a malformed command inside: InvalidCommand is their expected answer */
  expectInvalid: Set<string>;
  pages: HistoryPage[];
  count(k: string): void;
  newId(prefix: string): string;
  /** how many ids newId has made so far */
  idCount(): number;
  /** (re)opens a client's page: a new link, engine and state holder, with its saved pending commands put back */
  open(c: Client, restored: PendingCommand[]): void;
  /** sends a command-like request through the client's engine; its reply (or its loss) is recorded when it comes */
  commandLike(c: Client, type: Sent['type'], req: Sent['req'], preview?: boolean): void;
  quiesce(): Promise<void>;
}

/**
 * Performs one operation for client `c` and returns the one it actually did (an operation that cannot happen now,
 * such as delivering with nothing queued, falls back to another).
 */
export async function performOp(w: FuzzWorld, op: Op, c: Client): Promise<Op> {
  const view = c.holder.getState().view;
  switch (op) {
    case 'deliver':
    case 'burst': {
      const n = op === 'burst' ? 2 + w.r.int(5) : 1;
      for (let k = 0; k < n; k++) {
        const ready = w.net.ready();
        if (ready.length === 0) return k === 0 ? performOp(w, 'issue', c) : op;
        w.net.deliver(w.r.pick(ready));
      }
      return op;
    }
    case 'issue':
    case 'issueMany': {
      const n = op === 'issueMany' ? 2 + w.r.int(3) : 1;
      for (let k = 0; k < n; k++) {
        const commandId = c.engine.issue(randomCommand(w.r, c.holder.getState().view, `${c.name}-${w.idCount()}`));
        if (c.holder.getState().pending.some((p) => p.commandId === commandId)) c.mine.push(commandId);
      }
      return op;
    }
    case 'connect':
      if (c.link.connected) return performOp(w, 'deliver', c);
      c.link.connect();
      return op;
    case 'cut':
      if (!c.link.connected) return performOp(w, 'deliver', c);
      c.link.cut();
      return op;
    case 'reload': {
      // As the browser does: the pending commands were saved on every change; the new page puts them back first.
      const saved = c.holder.getState().pending.map((p) => ({ ...structuredClone(p), ackedAt: null }));
      c.engine.stop();
      c.link.cut();
      c.reloads++;
      c.lost = [];
      w.open(c, saved);
      return op;
    }
    case 'unload':
      // Everybody drops off and the server unloads the idle plan; the next join loads it from the store again.
      for (const x of w.clients) x.link.cut();
      w.count(`unloaded ${await w.hub.unloader.sweep()}`);
      return op;
    case 'quiesce':
      await w.quiesce();
      return op;
    default:
      break;
  }
  // The rest need a live connection.
  if (!c.engine.isLive) return performOp(w, 'deliver', c);
  switch (op) {
    case 'batch': {
      // Like the set-up forms, mostly commands checked on the view (in order); sometimes one it already refuses.
      const draft = structuredClone(view);
      const commands: unknown[] = [];
      for (let k = 0, n = 1 + w.r.int(4); k < n; k++) {
        const command = randomCommand(w.r, draft, `${c.name}-${w.idCount()}-${k}`);
        const d = decide(draft, command);
        if (d.ok) for (const e of d.events) evolve(draft, e);
        if (d.ok || w.r.chance(0.15)) commands.push(command);
      }
      if (commands.length === 0) commands.push(randomCommand(w.r, view, `${c.name}-${w.idCount()}`));
      const commandId = w.newId(`${c.name}-batch`);
      if (w.r.chance(0.1)) {
        commands.splice(w.r.int(commands.length + 1), 0, malformedCommand(w.r));
        w.expectInvalid.add(commandId);
      }
      w.commandLike(c, 'batch', { commandId, batchId: `b-${commandId}`, kind: 'bulk', label: `Bulk ${commandId}`, commands });
      return op;
    }
    case 'resend': {
      // A request whose reply was lost, else one already accepted: either way, never applied twice.
      const again = c.lost.shift() ?? (c.accepted.length > 0 ? w.r.pick(c.accepted) : undefined);
      if (!again) return performOp(w, 'issue', c);
      w.count(c.accepted.includes(again) ? 'resend of an accepted one' : 'resend of a lost one');
      w.commandLike(c, again.type, { ...again.req, resent: true });
      return op;
    }
    case 'undo': {
      const recent = c.mine.slice(-8);
      const targetCommandId = recent.length > 0 && w.r.chance(0.9) ? w.r.pick(recent) : 'never-sent';
      const preview = w.r.chance(0.2);
      w.commandLike(c, 'undo', { commandId: w.newId(`${c.name}-undo`), targetCommandId, ...(preview ? { preview } : {}) }, preview);
      return op;
    }
    case 'revert': {
      const commandId = w.newId(`${c.name}-revert`);
      const preview = w.r.chance(0.2);
      const targetBatchId = w.r.pick(w.batchIds.slice(-10));
      w.commandLike(c, 'revert', { commandId, batchId: `b-${commandId}`, targetBatchId, ...(preview ? { preview } : {}) }, preview);
      return op;
    }
    case 'history': {
      const afterVersion = w.r.int(c.holder.getState().confirmed.version + 1);
      const limit = 1 + w.r.int(40);
      c.engine.history({ afterVersion, limit }).then(
        (reply) => {
          if (reply.ok) w.pages.push({ afterVersion, limit, events: reply.events, version: reply.version });
          else w.problems.push(`${c.name}: history refused: ${reply.error.code}`);
        },
        (err: unknown) => void (err instanceof LinkCutError || w.problems.push(`${c.name}: history failed: ${String(err)}`)),
      );
      return op;
    }
    case 'batches':
      c.engine.batches({ limit: 1 + w.r.int(20) }).then(
        (reply) => void (reply.ok || w.problems.push(`${c.name}: batches refused: ${reply.error.code}`)),
        (err: unknown) => void (err instanceof LinkCutError || w.problems.push(`${c.name}: batches failed: ${String(err)}`)),
      );
      return op;
    default:
      throw new Error(`unknown operation ${String(op)}`);
  }
}
