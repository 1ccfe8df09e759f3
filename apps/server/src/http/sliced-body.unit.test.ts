import { describe, expect, it } from 'vitest';
import { SLICE_BYTES, slicedBody } from './sliced-body.ts';

describe('slicedBody', () => {
  it('gives a small body as it is', () => {
    const small = new Uint8Array(SLICE_BYTES);
    expect(slicedBody(small)).toBe(small);
  });

  it('gives a big body in views of its bytes, with a turn of the event loop between two slices', async () => {
    const bytes = Buffer.alloc(SLICE_BYTES * 3 + 5);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    const body = slicedBody(bytes);
    expect(body).toBeInstanceOf(ReadableStream);
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    const slices: Uint8Array[] = [];
    let turns = 0;
    const turnsSeen: number[] = [];
    for (;;) {
      // Other work queued now runs before the next slice is given.
      setImmediate(() => turns++);
      const { done, value } = await reader.read();
      if (done) break;
      turnsSeen.push(turns);
      slices.push(value);
    }
    expect(slices.map((s) => s.byteLength)).toEqual([SLICE_BYTES, SLICE_BYTES, SLICE_BYTES, 5]);
    expect(slices.every((s) => s.buffer === bytes.buffer)).toBe(true);
    expect(Buffer.concat(slices).equals(bytes)).toBe(true);
    // the first at once; each later one only after the work queued before it asked
    expect(turnsSeen[0]).toBe(0);
    for (let i = 1; i < turnsSeen.length; i++) expect(turnsSeen[i]).toBeGreaterThan(turnsSeen[i - 1]!);
  });
});
