import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * The filters beyond the search text and seated/unseated (those two live in the ui slice, where the guest list
 * always had them). Every filter narrows the guest list and marks the board: matching guests and tables stand
 * out, the rest is dimmed.
 */
export interface FindState {
  /** the filter panel is open */
  open: boolean;
  department: string;
  party: string;
  /** a meal category key, 'standard', 'other', or '' for any */
  dietary: string;
  vip: boolean;
  accessibility: boolean;
  needs: boolean;
  /** the board marks only tables with a free seat */
  freeSeats: boolean;
}

export const initialFind: FindState = {
  open: false,
  department: '',
  party: '',
  dietary: '',
  vip: false,
  accessibility: false,
  needs: false,
  freeSeats: false,
};

type TextFilter = 'department' | 'party' | 'dietary';
type FlagFilter = 'vip' | 'accessibility' | 'needs' | 'freeSeats';

const find = createSlice({
  name: 'find',
  initialState: initialFind,
  reducers: {
    toggleOpen(s) {
      s.open = !s.open;
    },
    setText(s, a: PayloadAction<{ key: TextFilter; value: string }>) {
      s[a.payload.key] = a.payload.value;
    },
    setFlag(s, a: PayloadAction<{ key: FlagFilter; value: boolean }>) {
      s[a.payload.key] = a.payload.value;
    },
    cleared(s) {
      return { ...initialFind, open: s.open };
    },
  },
});

export const findActions = find.actions;
export const findReducer = find.reducer;

/** How many filters are set (for the "Filters (2)" button). */
export const activeFilterCount = (f: FindState) =>
  [f.department, f.party, f.dietary].filter(Boolean).length + [f.vip, f.accessibility, f.needs, f.freeSeats].filter(Boolean).length;
