import { useEffect } from 'react';
import { notificationsActions } from '../app/notifications.ts';
import { selectRole } from '../app/selectors.ts';
import { useAppStore } from '../app/store.ts';

/** What a reviewer is told about what they can do (the role badge's description, and the keys below). */
export const REVIEW_ONLY = 'You can only review this plan: look, search, export and print. Ask its owner to make you an organiser to change it.';

/** The keys that change a guest from its row: pick up (Space), the party (P), edit (E), rename (F2). */
const EDIT_KEYS = new Set([' ', 'p', 'P', 'e', 'E', 'F2']);

/**
 * A reviewer's board has no edit controls, but its guest rows are the organisers' listbox, with the same keys: an edit
 * key pressed there would do nothing, silently. The reviewer is told why instead (the past has its own words, in
 * HistoryLayer).
 */
export function useReviewerKeys(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || !EDIT_KEYS.has(e.key)) return;
      if (!(e.target instanceof HTMLElement) || !e.target.matches('[data-testid="guest-row"]')) return;
      const s = store.getState();
      if (selectRole(s) !== 'review' || s.history.viewing !== null) return;
      e.preventDefault();
      store.dispatch(notificationsActions.notice({ text: REVIEW_ONLY, tone: 'info' }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
