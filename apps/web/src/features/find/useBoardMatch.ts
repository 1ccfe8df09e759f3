import type { LogicalTable } from '@seatfold/domain/core';
import { useMemo } from 'react';
import { selectMatchedGuestIds, selectTableMatches, type CardMatch } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';

export type ChipMatch = 'hit' | 'dim' | undefined;

/**
 * How one table card shows the current find: the card matches or is dimmed, and each chip is a hit or dimmed
 * (all undefined when nothing is being found). Subscribes with plain strings, so a card re-renders only when its
 * own marks change.
 */
export function useBoardMatch(table: LogicalTable): { card: CardMatch | undefined; chip: (guestId: string) => ChipMatch } {
  const card = useAppSelector((s) => selectTableMatches(s)?.[table.id]);
  const hits = useAppSelector((s) => {
    const set = selectMatchedGuestIds(s);
    return set ? table.guestIds.filter((id) => set.has(id)).join('\n') : null;
  });
  return useMemo(() => {
    if (hits === null) return { card, chip: () => undefined };
    const set = new Set(hits ? hits.split('\n') : []);
    return { card, chip: (id: string) => (set.has(id) ? 'hit' : 'dim') };
  }, [card, hits]);
}
