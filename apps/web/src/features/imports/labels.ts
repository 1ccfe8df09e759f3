import { dayAndMinute } from '../../app/timeline.ts';
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
/** When a batch was made, as the timeline and the members list write times. */
export const when = dayAndMinute;

/** A batch's kind in words; a redo is stored as an undo (of an undo) whose label starts "Redo", and reads "Redo". */
export const batchKindLabel = (b: { kind: string; label: string }): string =>
  b.kind === 'undo' && b.label.startsWith('Redo') ? 'Redo' : kindLabel(b.kind);

/**
 * How a batch that was taken back reads, from the chain of batches that took it back and brought it back in turn
 * (chain.ts), oldest first: "Reverted by Ann, …", "Undone, then redone by Ann, …", "Undone again by Ann, …"; an undo
 * taken back by its redo: "Redone by Ann, …".
 */
export function takenBackText(chain: readonly { kind: string; label: string; actor: string; at: number }[]): string {
  const [first] = chain;
  const last = chain[chain.length - 1];
  if (!first || !last) return '';
  // An undo is taken back by a redo (an undo of it): "Redone by Ann"; anything else by a revert or an undo.
  const [taken, brought] =
    first.kind === 'revert' ? ['Reverted', 'brought back'] : batchKindLabel(first) === 'Redo' ? ['Redone', 'undone'] : ['Undone', 'redone'];
  const by = `by ${last.actor}, ${when(last.at)}`;
  if (chain.length % 2 === 0) return `${taken}, then ${brought} ${by}`;
  return chain.length === 1 ? `${taken} ${by}` : `${taken} again ${by}`;
}
