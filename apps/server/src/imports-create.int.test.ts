import type { Command, PlanState } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { PROTOCOL_VERSION, type CommandReply, type JoinReply } from '@seatfold/sync';
import { ask, backends, connect, guestCookie, startApp, type RunningApp } from './testing.ts';

/** Issue #9 item 8 over HTTP: imports that create tables and never drop people, the export's round trip, templates. */
for (const backend of backends()) {
  describe(`imports that create tables and never drop people (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
      headers = { cookie: await guestCookie(server.url, 'Tester') };
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    const newPlan = async (commands: Command[]) => {
      const links = await createPlan(store, server.app.hub, 'Sommerfest', { commands: [{ type: 'createPlan', name: 'Sommerfest' }, ...commands] });
      return { planId: links.planId, token: links.organisePath.replace(/^\/p\//, '') };
    };
    const stateOf = async (planId: string): Promise<PlanState> => (await server.app.hub.room(planId)).snapshot();
    const api = (token: string, p: string) => `${server.url}/api/plans/${token}/${p}`;
    let headers: Record<string, string> = {};
    const upload = async (token: string, data: Uint8Array | string, name: string) => {
      const res = await fetch(`${api(token, 'uploads')}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: data,
      });
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(201);
      return body as {
        uploadId: string;
        suggestedSheet: string;
        sheets: { name: string; headers: string[]; suggestedKind: string; guess: { guests: (string | null)[]; draw: (string | null)[] } }[];
      };
    };
    const step = async (token: string, uploadId: string, which: 'preview' | 'apply', body: unknown) => {
      const res = await fetch(api(token, `uploads/${uploadId}/${which}`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, never> };
    };

    it('imports 40 guests onto tables created in the same batch, and the one whose table is full unseated', async () => {
      const plan = await newPlan([
        { type: 'addTable', tableId: 't1', name: 'Table 1', capacity: 2 },
        { type: 'addGuest', guestId: 'a', name: 'A' },
        { type: 'addGuest', guestId: 'b', name: 'B' },
        { type: 'seatGuest', guestId: 'a', tableId: 't1' },
        { type: 'seatGuest', guestId: 'b', tableId: 't1' },
      ]);
      const lines = [
        'Nr.;Name;Vorname;Tisch',
        ...Array.from({ length: 40 }, (_, i) => `${2000 + i};Gast${i};Vor${i};${['05', 'T6', 'Tisch 07', 'Table 8'][i % 4]}`),
        '2040;Voll;Vera;1',
      ];
      const up = await upload(plan.token, lines.join('\r\n'), 'gaeste.csv');
      expect(up.sheets[0]!.guess.guests).toEqual(['ref', 'lastName', 'firstName', 'table']);
      const body = { kind: 'guests', sheet: 'CSV', columns: up.sheets[0]!.guess.guests, newTables: { create: true, capacity: 10 } };
      const p = await step(plan.token, up.uploadId, 'preview', body);
      expect(p.status).toBe(200);
      expect(p.body.newTables).toEqual({ names: ['Table 5', 'Table 6', 'Table 7', 'Table 8'], capacity: 10, create: true });
      expect(p.body.counts).toMatchObject({ new: 41, rejected: 0, unseated: 1, newTables: 4 });
      const full = (p.body.rows as unknown as { name: string; warnings: string[] }[]).find((r) => r.name === 'Vera Voll')!;
      expect(full.warnings[0]).toMatch(/full.*imported unseated/);
      const applied = await step(plan.token, up.uploadId, 'apply', { ...body, expect: p.body.counts });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      // Vera's table was full: she was not seated as listed (nobody was unseated), and the batch's name says so.
      expect((applied.body as unknown as { batch: { label: string } }).batch.label).toBe(
        'Guest import: gaeste.csv (41 new, 0 updated, 1 not seated as listed, 4 new tables)',
      );
      const s = await stateOf(plan.planId);
      const guests = Object.values(s.guests);
      expect(guests).toHaveLength(43);
      expect(guests.find((g) => g.name === 'Vera Voll')).toMatchObject({ ref: '2040', tableId: null });
      const created = Object.values(s.tables).filter((t) => t.name !== 'Table 1');
      expect(created.map((t) => [t.name, t.capacity, t.guestIds.length]).sort()).toEqual([
        ['Table 5', 10, 10],
        ['Table 6', 10, 10],
        ['Table 7', 10, 10],
        ['Table 8', 10, 10],
      ]);
      // The same file again duplicates nobody: matched by number, nothing to apply.
      const again = await step(plan.token, (await upload(plan.token, lines.join('\r\n'), 'gaeste.csv')).uploadId, 'preview', body);
      expect(again.body.counts).toMatchObject({ new: 0, updated: 0, unchanged: 41, newTables: 0, commands: 0 });

      // Reverting the import takes the guests and the tables it created back, in one batch.
      const socket = await connect(server.url);
      try {
        const joined = await ask<JoinReply>(socket, 'join', {
          protocol: PROTOCOL_VERSION,
          token: plan.token,
          clientId: 'c-revert',
          userName: 'Bob',
          lastVersion: 0,
        });
        expect(joined.ok).toBe(true);
        const batchId = (applied.body.batch as unknown as { batchId: string }).batchId;
        const revert = await ask<CommandReply>(socket, 'revert', { commandId: `r-${batchId}`, batchId: `revert-${batchId}`, targetBatchId: batchId });
        expect(revert.status, JSON.stringify(revert)).toBe('accepted');
      } finally {
        socket.disconnect();
      }
      const reverted = await stateOf(plan.planId);
      expect(Object.values(reverted.tables).map((t) => t.name)).toEqual(['Table 1']);
      expect(Object.keys(reverted.guests).sort()).toEqual(['a', 'b']);
    });

    it('re-importing the plan’s own .xlsx and .csv exports changes nothing, formula-like text included', async () => {
      const plan = await newPlan([
        { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
        {
          type: 'addGuest',
          guestId: 'f',
          name: '=Formula Fritz',
          ref: '007',
          email: 'fritz@example.org',
          department: '+1 dept',
          notes: '@SUM(A1)\nsecond line',
          vip: true,
        },
        { type: 'addGuest', guestId: 'q', name: "'Quoted Quinn", dietary: '-vegan', accessibility: 'wheelchair' },
        { type: 'addGuest', guestId: 'z', name: 'Zoë Ünal', party: 'Ünal', department: 'Vertrieb; Nord' },
        { type: 'seatGuest', guestId: 'f', tableId: 't1' },
        { type: 'seatGuest', guestId: 'z', tableId: 't1' },
      ]);
      for (const [file, name] of [
        ['export.xlsx', 'x.xlsx'],
        ['export.csv', 'x.csv'],
        ['export-excel.csv', 'x-excel.csv'],
      ] as const) {
        const data = new Uint8Array(await (await fetch(api(plan.token, file), { headers })).arrayBuffer());
        const up = await upload(plan.token, data, name);
        const sheet = up.sheets.find((x) => x.name === up.suggestedSheet)!;
        expect(sheet.guess.guests.slice(0, 10), file).toEqual([
          'ref',
          'name',
          'email',
          'party',
          'department',
          'dietary',
          'accessibility',
          'vip',
          'notes',
          'table',
        ]);
        const p = await step(plan.token, up.uploadId, 'preview', { kind: 'guests', sheet: sheet.name, columns: sheet.guess.guests });
        expect(p.body.counts, `${file}: ${JSON.stringify(p.body.rows)}`).toMatchObject({
          new: 0,
          updated: 0,
          unchanged: 3,
          rejected: 0,
          commands: 0,
        });
      }
    });

    it('serves guest-list and table-draw templates that the import reads without a single choice', async () => {
      const plan = await newPlan([]);
      for (const ext of ['xlsx', 'csv']) {
        const guests = await fetch(`${server.url}/api/templates/guest-list.${ext}`);
        expect(guests.status).toBe(200);
        expect(guests.headers.get('content-disposition')).toContain(`Seatfold guest list template.${ext}`);
        const g = await upload(plan.token, new Uint8Array(await guests.arrayBuffer()), `guests.${ext}`);
        expect(g.sheets[0]!.suggestedKind).toBe('guests');
        expect(g.sheets[0]!.guess.guests.every(Boolean)).toBe(true);
        const draw = await fetch(`${server.url}/api/templates/table-draw.${ext}`);
        const d = await upload(plan.token, new Uint8Array(await draw.arrayBuffer()), `draw.${ext}`);
        expect(d.sheets[0]!.suggestedKind).toBe('draw');
        expect(d.sheets[0]!.guess.draw).toEqual(['table', 'physical', 'room']);
      }
      expect((await fetch(`${server.url}/api/templates/other.xlsx`)).status).toBe(404);
    });
  });
}
