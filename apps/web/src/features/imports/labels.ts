/** Words the import page shows for row statuses and batch kinds, and how it writes a time. */
export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  rejected: 'Rejected',
  place: 'Placed',
  kept: 'Kept',
  blank: 'Blank',
  excluded: 'Excluded',
  error: 'Error',
};

export const KIND_LABEL: Record<string, string> = {
  'guest-import': 'Guest import',
  'table-draw': 'Table draw',
  revert: 'Revert',
  undo: 'Undo',
  setup: 'Setup',
  autoseat: 'Seat automatically',
};
export const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
