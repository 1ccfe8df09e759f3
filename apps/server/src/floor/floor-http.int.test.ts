import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Command } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import { imageSize } from 'image-size';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type PlanLinks } from '../plans.ts';
import { backends, guestCookie, startApp, type RunningApp } from '../testing.ts';

const tokenOf = (path: string) => path.replace(/^\/p\//, '');
const png = (w: number, h: number) =>
  new Uint8Array(
    new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#c00"/></svg>`)
      .render()
      .asPng(),
  );
/** A PNG whose header claims another size (image-size reads the IHDR; the pixels need not follow). */
function pngClaiming(w: number, h: number): Uint8Array {
  const b = Buffer.from(png(4, 4));
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return new Uint8Array(b);
}
/** A JPEG's header as image-size reads it: SOI, a JFIF APP0 segment, then a baseline SOF0 frame of 32 × 16. */
const jpeg = () =>
  new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20,
    0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9,
  ]);

/** pdfkit's own PNG decoder (a dependency of pdfkit): RGBA pixels of a PNG, to look at a printed page. */
const PNGDecoder = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('png-js') as new (b: Buffer) => {
  width: number;
  decode(fn: (px: Buffer) => void): void;
};
async function pixelAt(bytes: Uint8Array, x: number, y: number): Promise<[number, number, number]> {
  const png = new PNGDecoder(Buffer.from(bytes));
  const px = await new Promise<Buffer>((resolve) => png.decode(resolve));
  const i = (y * png.width + x) * 4;
  return [px[i]!, px[i + 1]!, px[i + 2]!];
}

const guests = ['Ada Lovelace|vegan', 'Ben Braun|', 'Cara Çelik|gluten-free', 'Dan Dorn|vegetarian'];
const setup: Command[] = [
  { type: 'createPlan', name: 'Gala 2026' },
  { type: 'addRoom', roomId: 'hall', name: 'Great Hall' },
  { type: 'addRoom', roomId: 'terrace', name: 'Terrace' },
  { type: 'setRoomSize', roomId: 'hall', widthM: 24, depthM: 16 },
  { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'hall', label: 'G-01', capacity: 8 },
  { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'hall', label: 'G-02', capacity: 12 },
  { type: 'addPhysicalTable', physicalTableId: 'p3', roomId: 'terrace', label: 'T-01', capacity: 6 },
  { type: 'addTable', tableId: 't12', name: '12', capacity: 8 },
  { type: 'addTable', tableId: 't7', name: 'Board', capacity: 12 },
  { type: 'mapTable', tableId: 't12', physicalTableId: 'p1' },
  { type: 'mapTable', tableId: 't7', physicalTableId: 'p2' },
  {
    type: 'arrangeFloor',
    roomId: 'hall',
    moves: [
      { kind: 'table', id: 'p1', x: 4, y: 4, rotation: 0 },
      { kind: 'table', id: 'p2', x: 14, y: 8, rotation: 90 },
    ],
  },
  { type: 'addFixture', fixtureId: 'stage', roomId: 'hall', kind: 'stage', label: 'Stage', x: 12, y: 1.5, widthM: 8, depthM: 3, rotation: 0 },
  ...guests.flatMap((_line, i): Command[] => {
    const [name, dietary] = guests[i]!.split('|');
    return [
      { type: 'addGuest', guestId: `g${i}`, name: name!, dietary },
      { type: 'seatGuest', guestId: `g${i}`, tableId: i < 3 ? 't12' : 't7' },
    ];
  }),
];

for (const backend of backends()) {
  describe(`floor plans over HTTP: background images and print (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    let links: PlanLinks;
    let other: PlanLinks;
    /** a browser's session on the plans' open links (every plan route asks the session, not the link alone) */
    let cookie = '';
    const f = (u: string, init: RequestInit = {}) =>
      fetch(u, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), cookie } });
    const url = (l: PlanLinks, role: 'organise' | 'review', rest: string) =>
      `${server.url}/api/plans/${tokenOf(role === 'organise' ? l.organisePath : l.reviewPath)}/${rest}`;
    const upload = (bytes: Uint8Array, role: 'organise' | 'review' = 'organise', type = 'image/png') =>
      f(url(links, role, 'images'), { method: 'POST', body: bytes, headers: { 'content-type': type } });

    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
      cookie = await guestCookie(server.url);
      links = await createPlan(store, server.app.hub, 'Gala 2026', { commands: setup });
      other = await createPlan(store, server.app.hub, 'Other');
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    it('stores an uploaded PNG under its sha-256 and serves it safely to both links of the plan only', async () => {
      const bytes = png(40, 20);
      const res = await upload(bytes, 'organise', 'text/html');
      expect(res.status).toBe(201);
      const body = (await res.json()) as { imageId: string; contentType: string; width: number; height: number };
      expect(body).toEqual({ imageId: createHash('sha256').update(bytes).digest('hex'), contentType: 'image/png', width: 40, height: 20 });
      expect((await upload(bytes)).status).toBe(200); // the same image again: stored once
      for (const role of ['organise', 'review'] as const) {
        const got = await f(url(links, role, `images/${body.imageId}`));
        expect(got.status).toBe(200);
        expect(got.headers.get('content-type')).toBe('image/png');
        expect(got.headers.get('x-content-type-options')).toBe('nosniff');
        expect(got.headers.get('cache-control')).toMatch(/immutable/);
        expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
      }
      const again = await f(url(links, 'review', `images/${body.imageId}`), { headers: { 'if-none-match': `"${body.imageId}"` } });
      expect(again.status).toBe(304);
      // another plan's link does not open it; a reviewer cannot upload
      expect((await f(url(other, 'organise', `images/${body.imageId}`))).status).toBe(404);
      const refused = await upload(png(8, 8), 'review');
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toMatch(/review link/);
    });

    it('reads a JPEG’s type and size from its bytes', async () => {
      const res = await upload(jpeg(), 'organise', 'image/png');
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ contentType: 'image/jpeg', width: 32, height: 16 });
    });

    it('refuses what is not a PNG or JPEG, a damaged header, too many pixels and too many bytes, with a clear message', async () => {
      const cases: [Uint8Array, number, RegExp][] = [
        [new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 422, /not a PNG or JPEG/],
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 422, /damaged/],
        [pngClaiming(9000, 100), 422, /9000 × 100 pixels; at most 8000/],
        // within the sides, but 64 megapixels: unpacked by a print, ~1 GB (a tiny file of zeros can claim it)
        [pngClaiming(8000, 8000), 422, /8000 × 8000 pixels \(64 megapixels\); at most 16 megapixels/],
        [new Uint8Array(0), 422, /empty/],
        [new Uint8Array(5 * 1024 * 1024 + 1).fill(0xff), 413, /larger than 5 MB/],
      ];
      for (const [bytes, status, message] of cases) {
        const res = await upload(bytes);
        expect(res.status, String(message)).toBe(status);
        expect(((await res.json()) as { error: string }).error).toMatch(message);
      }
    });

    it("counts stored images against the address's storage budget: past it, 429 with Retry-After, nothing stored", async () => {
      // a budget of one byte: the first new image spends it (into debt), the next is refused until it is paid off
      const paced = await startApp(store, { limits: { storedBytesPerAddress: { perSecond: 0.001, burst: 1 } } });
      try {
        const plan = await createPlan(store, paced.app.hub, 'Paced');
        const at = `${paced.url}/api/plans/${tokenOf(plan.organisePath)}/images`;
        const send = (bytes: Uint8Array) => f(at, { method: 'POST', body: bytes, headers: { 'content-type': 'image/png' } });
        const first = png(41, 21);
        expect((await send(first)).status).toBe(201);
        const refused = await send(png(42, 22));
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
        const body = (await refused.json()) as { error: string; code: string };
        expect(body.code).toBe('ServerBusy');
        expect(body.error).toMatch(/^Your network has stored an unusually large amount recently.*Try again in about \d+ minutes\.$/);
        const id = createHash('sha256').update(png(42, 22)).digest('hex');
        expect((await f(`${paced.url}/api/plans/${tokenOf(plan.organisePath)}/images/${id}`)).status).toBe(404);
      } finally {
        await paced.close();
      }
    });

    it('prints every room as a PDF page with its table numbers, dietary counts and (asked for) guest names', async () => {
      const res = await f(url(links, 'review', 'floor.pdf?names=1'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      // named apart from the copy without names, so the one downloaded second does not replace the first
      expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(/floor plans with names\.pdf"?$/);
      const { totalPages, text } = await extractText(new Uint8Array(await res.arrayBuffer()), { mergePages: false });
      expect(totalPages).toBe(2);
      const hall = text[0];
      expect(hall).toMatch(/Great Hall/);
      expect(hall).toMatch(/\b12\b/);
      expect(hall).toMatch(/Board/);
      expect(hall).toMatch(/Stage/);
      expect(hall).toMatch(/3 · VG1 GF1/);
      expect(hall).toMatch(/1 · V1/);
      expect(hall).toMatch(/Ada Lovelace/);
      expect(hall).toMatch(/Cara Çelik/);
      expect(text[1]).toMatch(/Terrace/);
      expect(text[1]).toMatch(/T-01/); // a physical table with no table on it, in the grid of a room nobody arranged
      const bare = await f(url(links, 'organise', 'floor.pdf?room=hall'));
      const one = await extractText(new Uint8Array(await bare.arrayBuffer()), { mergePages: true });
      expect(one.totalPages).toBe(1);
      expect(one.text).not.toMatch(/Ada Lovelace/);
    });

    it('prints a room with its background image under the tables, in the PDF and the PNG', async () => {
      const red = png(240, 160);
      const imageId = createHash('sha256').update(red).digest('hex');
      const withImage = await createPlan(store, server.app.hub, 'Gala with a venue plan', {
        commands: [...setup, { type: 'setRoomBackground', roomId: 'hall', background: { imageId, x: 0, y: 0, widthM: 24 } }],
      });
      const token = tokenOf(withImage.organisePath);
      expect(
        (await f(`${server.url}/api/plans/${token}/images`, { method: 'POST', body: red, headers: { 'content-type': 'image/png' } })).status,
      ).toBe(201);

      const pdf = Buffer.from(await (await f(`${server.url}/api/plans/${token}/floor.pdf`)).arrayBuffer());
      const without = Buffer.from(await (await f(url(links, 'organise', 'floor.pdf'))).arrayBuffer());
      expect((await extractText(new Uint8Array(pdf), { mergePages: false })).totalPages).toBe(2);
      expect(pdf.includes('/Subtype /Image')).toBe(true); // the image, embedded as an image XObject
      expect(without.includes('/Subtype /Image')).toBe(false);

      const page = new Uint8Array(await (await f(`${server.url}/api/plans/${token}/floor.png?room=hall`)).arrayBuffer());
      expect(imageSize(page)).toMatchObject({ type: 'png', width: 1684 });
      // An empty spot of the hall, 20 m across and 14 m down: on the page (k ≈ 27.9 pt/m, the room from 85.7, 62 pt) at
      // 644, 453 pt, twice that in pixels. Faded red with the image, white without.
      const [r, g, b] = await pixelAt(page, 1289, 906);
      expect(r).toBeGreaterThan(200);
      expect(g).toBeLessThan(180);
      expect(b).toBeLessThan(180);
      const plain = new Uint8Array(await (await f(url(links, 'organise', 'floor.png?room=hall'))).arrayBuffer());
      expect(await pixelAt(plain, 1289, 906)).toEqual([255, 255, 255]);
    });

    it('prints a room whose background’s header reads well and whose pixels do not, without it, every time', async () => {
      // 240 × 160 claimed, 4 × 4 in the data: inflates, but to far too few bytes; and a stream cut short
      const short = pngClaiming(240, 160);
      const cut = Buffer.from(png(240, 160));
      const idat = cut.indexOf('IDAT');
      const broken = new Uint8Array(
        Buffer.concat([cut.subarray(0, idat + 4), Buffer.from([0x78, 0x9c, 0x03]), cut.subarray(cut.indexOf('IEND') - 4)]),
      );
      for (const bytes of [short, broken]) {
        const imageId = createHash('sha256').update(bytes).digest('hex');
        const plan = await createPlan(store, server.app.hub, 'Gala with a damaged plan', {
          commands: [...setup, { type: 'setRoomBackground', roomId: 'hall', background: { imageId, x: 0, y: 0, widthM: 24 } }],
        });
        const token = tokenOf(plan.organisePath);
        expect(
          (await f(`${server.url}/api/plans/${token}/images`, { method: 'POST', body: bytes, headers: { 'content-type': 'image/png' } })).status,
        ).toBe(201);
        const res = await f(`${server.url}/api/plans/${token}/floor.pdf?room=hall`);
        expect(res.status).toBe(200);
        const pdf = Buffer.from(await res.arrayBuffer());
        expect(pdf.includes('/Subtype /Image')).toBe(false);
        const text = (await extractText(new Uint8Array(pdf), { mergePages: true })).text;
        expect(text).toMatch(/Great Hall/);
        expect(text).toMatch(/venue plan behind this room could not be printed/);
      }
    });

    it('prints a room as a PNG, and refuses an unknown room or a PNG without one', async () => {
      const res = await f(url(links, 'review', 'floor.png?room=hall&names=1'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const size = imageSize(new Uint8Array(await res.arrayBuffer()));
      expect(size).toMatchObject({ type: 'png', width: 1684 });
      expect((await f(url(links, 'review', 'floor.png?room=nope'))).status).toBe(404);
      expect((await f(url(links, 'review', 'floor.png'))).status).toBe(400);
      expect((await f(url(links, 'review', 'floor.pdf?room=__proto__'))).status).toBe(400);
    });
  });
}
