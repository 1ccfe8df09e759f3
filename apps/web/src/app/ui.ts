import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DragSource } from './dnd.ts';

export type GuestFilter = 'all' | 'unseated' | 'seated';
export type BoardTab = 'tables' | 'rooms' | 'imports';

export interface UiState {
  tab: BoardTab;
  search: string;
  filter: GuestFilter;
  /** what is being dragged (mouse) or carried (keyboard) */
  drag: (DragSource & { via: 'mouse' | 'keyboard' }) | null;
  /** tables to flash after a rollback; `key` restarts the animation */
  flash: { ids: string[]; key: number };
  /** the latest sentence for screen readers */
  announcement: { text: string; key: number };
}

const initialState: UiState = {
  tab: 'tables',
  search: '',
  filter: 'all',
  drag: null,
  flash: { ids: [], key: 0 },
  announcement: { text: '', key: 0 },
};

const ui = createSlice({
  name: 'ui',
  initialState,
  reducers: {
    tab(s, a: PayloadAction<BoardTab>) {
      s.tab = a.payload;
    },
    search(s, a: PayloadAction<string>) {
      s.search = a.payload;
    },
    filter(s, a: PayloadAction<GuestFilter>) {
      s.filter = a.payload;
    },
    dragStarted(s, a: PayloadAction<UiState['drag']>) {
      s.drag = a.payload;
    },
    dragEnded(s) {
      s.drag = null;
    },
    flash(s, a: PayloadAction<string[]>) {
      s.flash = { ids: a.payload, key: s.flash.key + 1 };
    },
    flashOver(s, a: PayloadAction<number>) {
      if (s.flash.key === a.payload) s.flash.ids = [];
    },
    announce(s, a: PayloadAction<string>) {
      s.announcement = { text: a.payload, key: s.announcement.key + 1 };
    },
  },
});

export const uiActions = ui.actions;
export const uiReducer = ui.reducer;
