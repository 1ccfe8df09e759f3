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
    /** A later change to the same thing has landed: the refusals about it are out of date (see subjectOf). */
    superseded(s, a: PayloadAction<string>) {
      s.rejections = s.rejections.filter((r) => subjectOf(r.command) !== a.payload);
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
 * What a command is about: the guest it seats, moves or edits, else the table, physical table or room it changes.
 * A refusal ("Bea just moved Carla…", "Table 3 is full") is out of date once a later command about the same thing
 * has been stored: the planner has done it again, another way.
 */
export function subjectOf(command: Command): string | null {
  const c = command as unknown as Record<string, unknown>;
  for (const key of ['guestId', 'tableId', 'physicalTableId', 'roomId'] as const) {
    if (typeof c[key] === 'string') return `${key}:${c[key]}`;
  }
  return null;
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
      const subject = stored ? subjectOf(stored.command) : null;
      if (subject && api.getState().notifications.rejections.some((r) => subjectOf(r.command) === subject)) {
        api.dispatch(slice.actions.superseded(subject));
      }
    },
  });
}
