import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { EntityKey } from '@seatfold/domain/core';

/*
 * Time travel's view state in Redux: which version is on display, how much is loaded, what is compared or selected,
 * undo counts, notices. The history itself is big and not serialisable: it lives in the registry (registry.ts).
 */

export interface HistoryViewState {
  /** the timeline panel is open */
  open: boolean;
  /** events held by the registry's PlanHistory (versions 1..loaded) */
  loaded: number;
  /** the newest version known to exist (server replies, live events) */
  head: number;
  loading: boolean;
  error: string | null;
  /** the version on display; null = live */
  viewing: number | null;
  /** a deep link's ?at= waiting for its history page */
  wantAt: number | null;
  /** the other end of a comparison (the board shows the diff from it to the version on display) */
  compareFrom: number | null;
  /** the guest or table whose own history is shown */
  entity: EntityKey | null;
  panelTab: 'changes' | 'compare' | 'entity';
  playing: boolean;
  /** bumped when batch labels arrive (sentences of batch entries change) */
  labels: number;
  undo: { undo: number; redo: number; busy: boolean };
}

export const initialHistoryView = (): HistoryViewState => ({
  open: false,
  loaded: 0,
  head: 0,
  loading: false,
  error: null,
  viewing: null,
  wantAt: null,
  compareFrom: null,
  entity: null,
  panelTab: 'changes',
  playing: false,
  labels: 0,
  undo: { undo: 0, redo: 0, busy: false },
});

const slice = createSlice({
  name: 'history',
  initialState: initialHistoryView,
  reducers: {
    reset: () => initialHistoryView(),
    setOpen(s, a: PayloadAction<boolean>) {
      s.open = a.payload;
      if (!a.payload) s.playing = false;
    },
    loaded(s, a: PayloadAction<{ loaded: number; head: number }>) {
      s.loaded = a.payload.loaded;
      s.head = Math.max(s.head, a.payload.head, a.payload.loaded);
      if (s.wantAt !== null && s.loaded >= s.wantAt) {
        s.viewing = s.wantAt >= s.head ? null : s.wantAt;
        s.wantAt = null;
      }
    },
    loading(s, a: PayloadAction<boolean>) {
      s.loading = a.payload;
      // A deep link beyond the plan's end shows the plan live.
      if (!a.payload && s.wantAt !== null && s.error === null && s.loaded >= s.head) s.wantAt = null;
    },
    failed(s, a: PayloadAction<string | null>) {
      s.error = a.payload;
    },
    view(s, a: PayloadAction<number | null>) {
      const v = a.payload;
      s.viewing = v === null || v >= s.head ? null : Math.max(0, Math.min(v, s.loaded));
      if (s.viewing === null) s.playing = false;
    },
    wantAt(s, a: PayloadAction<number>) {
      s.wantAt = a.payload;
      s.open = true;
    },
    compareFrom(s, a: PayloadAction<number | null>) {
      s.compareFrom = a.payload === null ? null : Math.max(0, Math.min(a.payload, s.loaded));
      if (a.payload !== null) s.panelTab = 'compare';
    },
    entity(s, a: PayloadAction<EntityKey | null>) {
      s.entity = a.payload;
      if (a.payload) {
        s.open = true;
        s.panelTab = 'entity';
      }
    },
    panelTab(s, a: PayloadAction<HistoryViewState['panelTab']>) {
      s.panelTab = a.payload;
    },
    playing(s, a: PayloadAction<boolean>) {
      s.playing = a.payload;
    },
    labels(s) {
      s.labels += 1;
    },
    undoState(s, a: PayloadAction<Partial<HistoryViewState['undo']>>) {
      s.undo = { ...s.undo, ...a.payload };
    },
  },
});

export const historyActions = slice.actions;
export const historyReducer = slice.reducer;
