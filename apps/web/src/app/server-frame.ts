import type { AppStore } from './store.ts';

/**
 * Calls `draw` once, as soon as the store can show the plan (its state is in), or shows why it cannot (the link is
 * unknown, the plan refused), or after `patienceMs` (offline: the app's own loading screen then says so).
 */
export function whenPlanShown(store: AppStore, draw: () => void, patienceMs = 4_000): void {
  let done = false;
  const ready = () => {
    const { plan, session } = store.getState();
    return plan.planId !== null || session.linkError !== null || session.status === 'failed';
  };
  const once = () => {
    if (done) return;
    done = true;
    unsubscribe();
    clearTimeout(timer);
    draw();
  };
  const unsubscribe = store.subscribe(() => ready() && once());
  const timer = setTimeout(once, patienceMs);
  if (ready()) once();
}
