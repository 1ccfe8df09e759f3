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

const KIND_LABEL: Record<string, string> = {
  'guest-import': 'Guest import',
  'table-draw': 'Table draw',
  revert: 'Revert',
  undo: 'Undo',
  setup: 'Setup',
  autoseat: 'Seat automatically',
  bulk: 'Bulk change',
  restore: 'Restore',
};
/** What a batch is, in words: a kind this version does not know yet reads as a plain "Change", never its token. */
export const kindLabel = (kind: string): string => KIND_LABEL[kind] ?? 'Change';
export const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
