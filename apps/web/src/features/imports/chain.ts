import type { BatchInfo } from '@seatfold/sync';

/** The batch `b` takes back: the one it reverts, or the one whose change it undoes (or redoes); null for any other. */
export function takesBack(b: BatchInfo): string | null {
  if (b.reverts) return b.reverts;
  const s = b.summary;
  return s && 'undoOfBatch' in s && s.undoOfBatch ? s.undoOfBatch : null;
}

/**
 * For each batch taken back, the batches that took it back and brought it back in turn, oldest first: an import,
 * then its undo, then the redo of that undo. Only the newest of a chain can be taken back (again): reverting any
 * earlier one would find all its changes changed since, and do nothing.
 */
export function takeBackChains(batches: readonly BatchInfo[]): (batchId: string) => BatchInfo[] {
  const by = new Map<string, BatchInfo>();
  for (const b of batches) {
    const target = takesBack(b);
    if (target) by.set(target, b);
  }
  return (batchId) => {
    const chain: BatchInfo[] = [];
    for (let next = by.get(batchId); next && chain.length < batches.length; next = by.get(next.batchId)) chain.push(next);
    return chain;
  };
}
