import * as checks from '@seatfold/domain/validation';
import { describe, expect, it } from 'vitest';
import { checkRoomSides } from './room-size.ts';

describe('checkRoomSides', () => {
  it('reads both sides in metres', () => {
    expect(checkRoomSides(checks, '24', ' 18.5 ')).toEqual({ ok: true, size: { widthM: 24, depthM: 18.5 } });
  });
  it('asks for a side left empty, by name', () => {
    expect(checkRoomSides(checks, '', '18')).toEqual({ ok: false, side: 'width', text: 'Enter the room’s width in metres.' });
  });
  it('says why a side is not one, in the domain’s words, naming the side', () => {
    const r = checkRoomSides(checks, '24', '0.5');
    expect(r).toMatchObject({ ok: false, side: 'depth' });
    expect(!r.ok && r.text).toMatch(/^The depth is 0.5 m: .+\.$/);
    expect(checkRoomSides(checks, '501', '10')).toMatchObject({ ok: false, side: 'width' });
  });
  it('optional: both empty is no size, one alone asks for the other or neither', () => {
    expect(checkRoomSides(checks, ' ', '', true)).toEqual({ ok: true, size: null });
    expect(checkRoomSides(checks, '20', '', true)).toEqual({
      ok: false,
      side: 'depth',
      text: 'Enter the depth too, or leave the width empty as well.',
    });
    expect(checkRoomSides(checks, '', '12', true)).toEqual({
      ok: false,
      side: 'width',
      text: 'Enter the width too, or leave the depth empty as well.',
    });
    expect(checkRoomSides(checks, '20', '12', true)).toEqual({ ok: true, size: { widthM: 20, depthM: 12 } });
  });
});
