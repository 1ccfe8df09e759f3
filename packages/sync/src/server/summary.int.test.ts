import type { Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { openStore, type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type BatchesReply, type CommandReply, type JoinReply } from '../protocol.ts';
import { readSummary, storedConflicts, SUMMARY_CONFLICTS, SUMMARY_MAX_BYTES } from '../summary.ts';
import { SyncHub, type Session } from './hub.ts';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (fresh random plan ids, nothing dropped). */
const backends: [string, () => Promise<EventStore>][] = [['PGlite', () => openMemoryStore()]];
if (process.env.DATABASE_URL) backends.push(['PostgreSQL', () => openStore({ databaseUrl: process.env.DATABASE_URL! })]);

let n = 0;
const id = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 9)}`;

describe('readSummary', () => {
  it('keeps every shape Seatfold stores (import, draw, revert, undo) and turns anything else into null', () => {
    const stored = [
      { kind: 'guests', sheet: 'Gäste', key: 'email', counts: { new: 3, updated: 1, unchanged: 0, rejected: 0, commands: 4 } },
      {
        kind: 'draw',
        sheet: 'CSV',
        counts: { place: 2, unchanged: 0, kept: 1, blank: 0, excluded: 1, error: 0, keptVipOrLocked: 1, commands: 2 },
        keptVipOrLocked: [{ tableId: 't1', name: 'Head', why: 'VIP' }],
        excludedRows: [3],
      },
      {
        restored: 2,
        conflicts: [{ version: 9, sentence: 'Anna moved to table 2', reason: 'changed later', laterActor: 'Bob', laterVersion: 12 }],
        reverts: 'b-1',
      },
      { undoOf: 'cmd-1' },
      null,
    ];
    for (const s of stored) expect(readSummary(s)).toEqual(s);
    for (const junk of ['hello', 12, [], { kind: 'guests' }, { undoOf: 'x', extra: 1 }, { constructor: 1 }]) expect(readSummary(junk)).toBeNull();
  });
});

describe('storedConflicts', () => {
  const conflict = (i: number, sentence = `Guest ${i} moved from table 3 to table 140`) => ({
    version: i,
    sentence,
    reason: 'it was changed again later',
    laterActor: 'Bob',
    laterVersion: i + 1000,
  });
  it('keeps a few conflicts whole, and of many the first with their count, in a summary the store reads back (64 kB)', () => {
    const few = [conflict(1), conflict(2)];
    expect(storedConflicts(few)).toEqual({ conflicts: few });
    const many = Array.from({ length: 990 }, (_, i) => conflict(i));
    const kept = storedConflicts(many);
    expect(kept).toEqual({ conflicts: many.slice(0, SUMMARY_CONFLICTS), conflictCount: 990 });
    const summary = { restored: 10, ...kept, reverts: 'b-1', effects: ['removed 10 guests'] };
    expect(readSummary(summary)).toEqual(summary);
    expect(JSON.stringify(summary).length).toBeLessThan(64 * 1024);
    // long sentences: cut by their size before their number
    const long = storedConflicts(Array.from({ length: 100 }, (_, i) => conflict(i, 'x'.repeat(1000))));
    expect(long.conflictCount).toBe(100);
    expect(JSON.stringify(long.conflicts).length).toBeLessThanOrEqual(32 * 1024);
  });
});

for (const [name, open] of backends) {
  describe(`batch summaries and the batch list (${name})`, () => {
    let store: EventStore;
    let hub: SyncHub;
    beforeAll(async () => {
      store = await open();
      hub = new SyncHub({ store });
    });
    afterAll(async () => {
      hub?.close();
      await store?.close();
    });

    async function setup() {
      const planId = id('plan');
      const token = id('org');
      await store.createPlan({ id: planId, name: 'P', organiseToken: token, reviewToken: id('rev'), createdAt: Date.now() });
      const room = await hub.room(planId);
      const commands: Command[] = [
        { type: 'createPlan', name: 'P' },
        { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
        ...['a', 'b', 'c'].map((g): Command => ({ type: 'addGuest', guestId: g, name: g.toUpperCase() })),
      ];
      for (const [i, command] of commands.entries())
        await room.submit({ commandId: `${planId}-s${i}`, command, batchId: null, actor: { id: 'name:Seatfold', name: 'Seatfold' }, resent: false });
      const ann = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
      const joined = (await ann.handle('join', {
        protocol: PROTOCOL_VERSION,
        token,
        clientId: id('c'),
        userName: 'Ann',
        lastVersion: 0,
      })) as JoinReply;
      expect(joined.ok).toBe(true);
      return { planId, room, ann };
    }
    const batch = (s: Session, over: Record<string, unknown>) =>
      s.handle('batch', {
        commandId: id('cmd'),
        batchId: id('batch'),
        kind: 'restore',
        label: 'Restore',
        commands: [{ type: 'seatGuest', guestId: 'a', tableId: 't1' }],
        ...over,
      }) as Promise<CommandReply>;

    it('refuses a summary that is not a known shape, or too large, and stores a known one', async () => {
      const { planId, ann } = await setup();
      for (const summary of ['hello', 42, { anything: true }, [1, 2], { undoOf: 'x'.repeat(101) }]) {
        expect(await batch(ann, { summary })).toMatchObject({
          status: 'rejected',
          error: { code: 'BadMessage', message: expect.stringMatching(/summary/) },
        });
      }
      const huge = {
        restored: 1,
        reverts: 'b',
        conflicts: Array.from({ length: 100 }, (_, i) => ({
          version: i,
          sentence: 'x'.repeat(100),
          reason: 'r',
          laterActor: null,
          laterVersion: null,
        })),
      };
      const refused = await batch(ann, { summary: huge });
      expect(refused).toMatchObject({
        status: 'rejected',
        error: { code: 'BadMessage', message: expect.stringContaining(`at most ${SUMMARY_MAX_BYTES} bytes`) },
      });
      for (const kind of ['Guest import', 'x'.repeat(41), '<b>', ''])
        expect(await batch(ann, { kind })).toMatchObject({ status: 'rejected', error: { code: 'BadMessage' } });
      expect(await batch(ann, { label: 'x'.repeat(301) })).toMatchObject({ status: 'rejected', error: { code: 'BadMessage' } });
      expect(await store.listBatches(planId)).toEqual([]);

      const ok = await batch(ann, { summary: { undoOf: 'cmd-1' } });
      expect(ok).toMatchObject({ status: 'accepted' });
      const list = (await ann.handle('batches', {})) as BatchesReply;
      expect(list.ok && list.batches.map((b) => b.summary)).toEqual([{ undoOf: 'cmd-1' }]);
    });

    it('lists and reverts past batches whose summaries were stored before they were checked ("hello", 5 MB)', async () => {
      // What an older server stored without checking, written straight to the store before the plan is opened.
      const planId = id('plan');
      const token = id('org');
      await store.createPlan({ id: planId, name: 'P', organiseToken: token, reviewToken: id('rev'), createdAt: Date.now() });
      await store.append(planId, 0, [
        { commandId: id('oc'), actor: 'Old', actorId: null, batchId: null, at: Date.now(), events: [{ type: 'PlanCreated', v: 1, name: 'P' }] },
      ]);
      const junk: unknown[] = ['hello', { blob: 'x'.repeat(5_000_000) }, '{not json', 12];
      const ids: string[] = [];
      for (const [i, summary] of junk.entries()) {
        const batchId = id('old');
        ids.push(batchId);
        const guest = {
          type: 'GuestAdded',
          v: 1,
          guestId: `g${i}`,
          name: `G${i}`,
          email: '',
          party: '',
          department: '',
          dietary: '',
          vip: false,
          notes: '',
        };
        await store.append(planId, i + 1, [{ commandId: id('oc'), actor: 'Old', actorId: null, batchId, at: Date.now(), events: [guest] }], {
          batchId,
          kind: 'guest-import',
          actor: 'Old',
          actorId: null,
          at: Date.now(),
          label: 'Old import',
          fileName: 'old.csv',
          fileHash: null,
          summary,
          reverts: null,
        });
      }
      // The store's readers never throw on them and never return more than a bounded summary.
      expect((await store.listBatches(planId)).map((b) => b.summary)).toEqual(['hello', null, '{not json', 12]);
      expect((await store.readBatch(planId, ids[1]!))?.batch.summary).toBeNull();

      const ann = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
      expect(await ann.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: id('c'), userName: 'Ann', lastVersion: 0 })).toMatchObject({
        ok: true,
      });
      const list = (await ann.handle('batches', {})) as BatchesReply;
      expect(list.ok && list.batches.map((b) => [b.batchId, b.summary])).toEqual(ids.map((b) => [b, null]));
      expect(JSON.stringify(list).length).toBeLessThan(100_000);

      // Reverting such a batch works, and the revert stores a proper summary of its own.
      for (const target of [ids[0], ids[1]]) {
        const reverted = (await ann.handle('revert', { commandId: id('rv'), batchId: id('rb'), targetBatchId: target })) as CommandReply;
        expect(reverted).toMatchObject({ status: 'accepted' });
      }
      const after = (await ann.handle('batches', {})) as BatchesReply;
      expect(after.ok && after.batches.at(-1)).toMatchObject({ kind: 'revert', reverts: ids[1], summary: { restored: 1, reverts: ids[1] } });
      const state = await (await hub.room(planId)).snapshot();
      expect(Object.keys(state.guests).sort()).toEqual(['g2', 'g3']);
    });

    it('pages the batch list: newest first page, `more`, and `before` for older ones', async () => {
      const { ann } = await setup();
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        const batchId = id('pb');
        const reply = await batch(ann, { batchId, commands: [{ type: 'addGuest', guestId: `p${i}`, name: `P${i}` }] });
        expect(reply.status).toBe('accepted');
        made.push(batchId);
      }
      const first = (await ann.handle('batches', { limit: 3 })) as BatchesReply;
      expect(first).toMatchObject({ ok: true, more: true });
      expect(first.ok && first.batches.map((b) => b.batchId)).toEqual(made.slice(4));
      const second = (await ann.handle('batches', { limit: 3, before: made[4] })) as BatchesReply;
      expect(second.ok && [second.batches.map((b) => b.batchId), second.more]).toEqual([made.slice(1, 4), true]);
      const last = (await ann.handle('batches', { limit: 3, before: made[1] })) as BatchesReply;
      expect(last.ok && [last.batches.map((b) => b.batchId), last.more]).toEqual([made.slice(0, 1), false]);
      const all = (await ann.handle('batches', {})) as BatchesReply;
      expect(all.ok && [all.batches.length, all.more]).toEqual([7, false]);
      expect(await ann.handle('batches', { limit: 101 })).toMatchObject({ ok: false, error: { code: 'BadMessage' } });
      expect(await ann.handle('batches', { before: 'nope', limit: 5 })).toMatchObject({ ok: true, batches: [], more: false });
    });
  });
}
