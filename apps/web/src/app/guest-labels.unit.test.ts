import { emptyGuestFields, type Guest } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { guestChoiceLabels } from './guest-labels.ts';

const guest = (id: string, over: Partial<Guest>): Guest => ({ ...emptyGuestFields, id, tableId: null, name: 'Guest', ...over });

describe('guestChoiceLabels', () => {
  it('is the name alone when nobody else has it', () => {
    const labels = guestChoiceLabels([guest('a', { name: 'Anna Schmidt', email: 'a@x.org' }), guest('b', { name: 'Bernd Schmidt' })]);
    expect(labels.get('a')).toBe('Anna Schmidt');
    expect(labels.get('b')).toBe('Bernd Schmidt');
  });
  it('tells two guests of one name apart by what they do not share (case and accents aside)', () => {
    const labels = guestChoiceLabels([
      guest('a', { name: 'Anna Schmidt', email: 'anna@x.org', department: 'Sales' }),
      guest('b', { name: 'anna schmidt', email: 'a.schmidt@x.org', department: 'Sales' }),
      guest('c', { name: 'Thomas Müller', ref: 'P-1', party: 'Müller' }),
      guest('d', { name: 'Thomas Muller', ref: 'P-2', party: 'Müller' }),
    ]);
    expect(labels.get('a')).toBe('Anna Schmidt (anna@x.org)');
    expect(labels.get('b')).toBe('anna schmidt (a.schmidt@x.org)');
    expect(labels.get('c')).toBe('Thomas Müller (no. P-1)');
    expect(labels.get('d')).toBe('Thomas Muller (no. P-2)');
  });
  it('numbers guests nothing else tells apart, so no two choices read the same', () => {
    const labels = guestChoiceLabels([guest('a', { name: 'Anna' }), guest('b', { name: 'Anna' }), guest('c', { name: 'Anna', party: 'Vogel' })]);
    expect(new Set(labels.values()).size).toBe(3);
    expect(labels.get('c')).toBe('Anna (party Vogel)');
    expect(labels.get('a')).toBe('Anna (1 of 2 with no other details)');
    expect(labels.get('b')).toBe('Anna (2 of 2 with no other details)');
  });
});
