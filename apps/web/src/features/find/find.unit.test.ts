import type { PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { selectMatchedGuestIds, selectMatchedTableCount, selectTableMatches, selectVisibleGuests } from '../../app/selectors.ts';
import { makeStore } from '../../app/store.ts';
import { smallPlan } from '../../app/testing.ts';
import { uiActions } from '../../app/ui.ts';
import { activeFilterCount, findActions } from './findSlice.ts';

/** A real store holding the small plan (tables 1 full on P1, 2 with Cara, VIP locked and empty). */
function storeWith(state: PlanState) {
  const store = makeStore('client-1', 'Tester');
  store.dispatch({
    type: 'sync/joined',
    payload: {
      planId: 'plan',
      planName: 'Test',
      role: 'organise',
      version: state.version,
      events: [],
      snapshot: { version: state.version, state },
      online: [],
      onlineCount: 0,
    },
  });
  return store;
}

function plan() {
  const s = smallPlan();
  s.guests.cara = { ...s.guests.cara!, accessibility: 'Wheelchair', department: 'Sales' };
  s.guests.dan = { ...s.guests.dan!, dietary: 'Vegan', department: 'Sales' };
  return s;
}

const names = (store: ReturnType<typeof storeWith>) => selectVisibleGuests(store.getState()).map((g) => g.name);

describe('find and filter on the board', () => {
  it('marks nothing while nothing is being found; "Unseated" narrows the list, not the board', () => {
    const store = storeWith(plan());
    expect(names(store)).toHaveLength(4);
    expect(selectMatchedGuestIds(store.getState())).toBeNull();
    store.dispatch(uiActions.filter('unseated'));
    expect(names(store)).toEqual(['Dan Wolf']);
    expect(selectMatchedGuestIds(store.getState())).toBeNull();
    expect(selectTableMatches(store.getState())).toBeNull();
    expect(selectMatchedTableCount(store.getState())).toBeNull();
  });

  it('a search by need marks the guest and the table they sit at, and dims the other tables', () => {
    const store = storeWith(plan());
    store.dispatch(uiActions.search('wheelchair'));
    expect(names(store)).toEqual(['Cara Klein']);
    expect([...selectMatchedGuestIds(store.getState())!]).toEqual(['cara']);
    expect(selectTableMatches(store.getState())).toEqual({ t1: 'dim', t2: 'match', tv: 'dim' });
    expect(selectMatchedTableCount(store.getState())).toBe(1);
  });

  it('a search by table number marks that table even when no guest matches', () => {
    const store = storeWith(plan());
    store.dispatch(uiActions.search('Table 1'));
    expect(names(store)).toEqual([]);
    expect(selectTableMatches(store.getState())).toEqual({ t1: 'match', t2: 'dim', tv: 'dim' });
  });

  it('filters combine with each other and with seated/unseated', () => {
    const store = storeWith(plan());
    store.dispatch(findActions.setText({ key: 'department', value: 'Sales' }));
    expect(names(store)).toEqual(['Cara Klein', 'Dan Wolf']);
    store.dispatch(findActions.setText({ key: 'dietary', value: 'vegan' }));
    expect(names(store)).toEqual(['Dan Wolf']);
    store.dispatch(uiActions.filter('seated'));
    expect(names(store)).toEqual([]);
    // The board still marks Dan: seated/unseated narrows the list only.
    expect([...selectMatchedGuestIds(store.getState())!]).toEqual(['dan']);
    expect(activeFilterCount(store.getState().find)).toBe(2);
    store.dispatch(findActions.cleared());
    expect(names(store)).toEqual(['Anna Müller', 'Ben Braun', 'Cara Klein']);
  });

  it('"tables with free seats" marks only unlocked tables with a seat left, and narrows no guest', () => {
    const store = storeWith(plan());
    store.dispatch(findActions.setFlag({ key: 'freeSeats', value: true }));
    expect(selectMatchedGuestIds(store.getState())).toBeNull();
    expect(selectTableMatches(store.getState())).toEqual({ t1: 'dim', t2: 'match', tv: 'dim' });
    expect(selectMatchedTableCount(store.getState())).toBe(1);
  });
});
