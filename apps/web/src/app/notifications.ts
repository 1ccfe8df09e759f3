import { createSlice, nanoid, type PayloadAction, type TypedStartListening } from '@reduxjs/toolkit';
import { rejectionOf, type Rejection } from '@seatfold/sync';
import type { StoreExtra } from './extra.ts';
import type { AppDispatch, RootState } from './store.ts';
import { syncIssued, syncReplied } from './sync-actions.ts';

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

/** A command of mine refused for good becomes a toast, at once (listener effects run within the dispatch). */
export function notificationListeners(on: TypedStartListening<RootState, AppDispatch, StoreExtra>) {
  const report = (action: Parameters<typeof rejectionOf>[1], api: { getOriginalState: () => RootState; dispatch: AppDispatch }) => {
    const r = rejectionOf(api.getOriginalState().plan, action);
    if (r) api.dispatch(slice.actions.rejected(r));
  };
  on({ matcher: syncIssued, effect: report });
  on({ matcher: syncReplied, effect: report });
}
