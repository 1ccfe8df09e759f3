import { describe, expect, it } from 'vitest';
import { firstFrameCards } from './TablesView.tsx';

describe('cards in the first frame', () => {
  it('are the cards the window can show: 3 columns by 4 rows at 1280 × 720 (9 are on screen there)', () => {
    expect(firstFrameCards(1280, 720)).toBe(12);
  });

  it('fill a big screen up to the 24 of before, and never fall below 4', () => {
    expect(firstFrameCards(1920, 1080)).toBe(24);
    expect(firstFrameCards(2560, 1440)).toBe(24);
    expect(firstFrameCards(390, 844)).toBe(5); // a phone: one column, the guest panel above
    expect(firstFrameCards(200, 150)).toBe(4);
  });
});
