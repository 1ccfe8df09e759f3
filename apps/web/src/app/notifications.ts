import { createSlice, nanoid, type PayloadAction, type TypedStartListening } from '@reduxjs/toolkit';
import type { Command } from '@seatfold/domain';
import { rejectionOf, type Rejection } from '@seatfold/sync';
import type { StoreExtra } from './extra.ts';
import type { AppDispatch, RootState } from './store.ts';
import { syncIssued, syncReplied } from './sync-actions.ts';
import { uiActions } from './ui.ts';

/*
 * The page's notifications, in one slice: refused changes (the board has rolled them back; a toast says why) and
 * notices (undo, redo, restore outcomes). The sync package decides what a rejection is (`rejectionOf`); telling the
 * planner is the web app's concern.
 */

export interface Notice {
  id: string;
  text: string;
  tone: 'error' | 'info';
}

export interface NotificationsState {
  /** most recent first, bounded */
  rejections: Rejection[];
  /** oldest first, bounded */
  notices: Notice[];
}

export const MAX_REJECTIONS = 20;
export const MAX_NOTICES = 4;

const slice = createSlice({
  name: 'notifications',
  initialState: (): NotificationsState => ({ rejections: [], notices: [] }),
  reducers: {
    rejected(s, a: PayloadAction<Rejection>) {
      s.rejections = [a.payload, ...s.rejections].slice(0, MAX_REJECTIONS);
    },
    dismissRejection(s, a: PayloadAction<string>) {
      s.rejections = s.rejections.filter((r) => r.commandId !== a.payload);
    },
    /** A later change to something has landed: the refusals that named it are out of date (see subjectsOf). */
    superseded(s, a: PayloadAction<string>) {
      s.rejections = s.rejections.filter((r) => !subjectsOf(r.command).includes(a.payload));
    },
    dismissAllRejections(s) {
      s.rejections = [];
    },
    notice: {
      reducer(s, a: PayloadAction<Notice>) {
        // A new outcome replaces the last one ("Undone: …" after "Undone: …"): four Ctrl+Z stacked four toasts over
        // the board. Errors stay until dismissed.
        const kept = a.payload.tone === 'info' ? s.notices.filter((n) => n.tone !== 'info') : s.notices;
        s.notices = [...kept, a.payload].slice(-MAX_NOTICES);
      },
      prepare: (n: Omit<Notice, 'id'>) => ({ payload: { ...n, id: nanoid() } }),
    },
    dismissNotice(s, a: PayloadAction<string>) {
      s.notices = s.notices.filter((n) => n.id !== a.payload);
    },
  },
});

export const notificationsActions = slice.actions;
export const notificationsReducer = slice.reducer;

/**
 * What a command names: the guests, tables, physical tables and rooms, what it is about first (the guest it seats,
 * moves or edits, else the table…). A refusal ("Bea just moved Carla…", "Table 3 is full", "Table “Head” is locked")
 * is out of date once a later command about one of the things it named has been stored: the planner has done it
 * again another way, or changed what stood in the way (unlocked the table). Seating somebody at table 2 is not about
 * table 2: a refused edit of table 2 stays.
 */
export function subjectsOf(command: Command): string[] {
  const c = command as unknown as Record<string, unknown>;
  const out: string[] = [];
  const add = (kind: string, v: unknown) => typeof v === 'string' && out.push(`${kind}:${v}`);
  add('guest', c.guestId);
  add('guest', c.otherGuestId);
  add('table', c.tableId);
  add('physical', c.physicalTableId);
  add('room', c.roomId);
  if (Array.isArray(c.guestIds)) for (const g of c.guestIds) add('guest', g);
  return out;
}

/**
 * A command of mine refused for good becomes a toast, at once (listener effects run within the dispatch); one stored
 * takes away the toasts of earlier refusals about the same thing, which would otherwise stand beside its success.
 */
export function notificationListeners(on: TypedStartListening<RootState, AppDispatch, StoreExtra>) {
  const report = (action: Parameters<typeof rejectionOf>[1], api: { getOriginalState: () => RootState; dispatch: AppDispatch }) => {
    const r = rejectionOf(api.getOriginalState().plan, action);
    if (r) api.dispatch(slice.actions.rejected(r));
  };
  on({ matcher: syncIssued, effect: report });
  // A notice (undo, redo, restore…) is read out by the page's one live region, which is always there: a toast's own
  // status region is added together with its text, and screen readers often miss such a region.
  on({ actionCreator: slice.actions.notice, effect: (a, api) => void api.dispatch(uiActions.announce(a.payload.text)) });
  on({
    matcher: syncReplied,
    effect: (action, api) => {
      report(action, api);
      if (action.payload.reply.status !== 'accepted') return;
      const stored = api.getOriginalState().plan.pending.find((p) => p.commandId === action.payload.reply.commandId);
      const [about] = stored ? subjectsOf(stored.command) : [];
      if (about && api.getState().notifications.rejections.some((r) => subjectsOf(r.command).includes(about))) {
        api.dispatch(slice.actions.superseded(about));
      }
    },
  });
}
