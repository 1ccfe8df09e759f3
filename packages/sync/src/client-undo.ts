/** Where the stacks are kept between visits (the browser's localStorage; a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Per-user undo for one plan, as plain data: the client half of undo and redo (the web app's history registry keeps
 * it and sends the requests; the rules of what an undo does live in the domain). Saved per plan token.
 *
 *   issued  ids of commands this browser sent that no confirmed event has carried yet (they may still be refused)
 *   undo    ids of MY commands whose events are confirmed, oldest first: Ctrl+Z takes back the last one
 *   redo    ids of the undo commands that took them back, oldest first: Ctrl+Shift+Z undoes the last undo
 *
 * Only commands with confirmed events count (a refused or no-op command never reaches `undo`). Redoing pushes the
 * redo's own command id onto `undo`, so undo/redo chains work both ways. A new change of mine clears `redo`.
 */
export interface UndoStacks {
  issued: string[];
  undo: string[];
  redo: string[];
}

export const UNDO_LIMIT = 100;
const FORMAT = 1;
export const undoKey = (token: string) => `seatfold:undo:${token}`;

export const emptyStacks = (): UndoStacks => ({ issued: [], undo: [], redo: [] });

const bounded = (ids: string[]) => (ids.length > UNDO_LIMIT ? ids.slice(ids.length - UNDO_LIMIT) : ids);
const without = (ids: readonly string[], id: string) => ids.filter((x) => x !== id);

/** This browser sent a command (or a batch) with this id. */
export function issued(st: UndoStacks, commandId: string): UndoStacks {
  if (st.issued.includes(commandId) || st.undo.includes(commandId)) return st;
  return { ...st, issued: bounded([...st.issued, commandId]) };
}

/** Confirmed events carried these command ids (in version order): mine become undoable. */
export function confirmed(st: UndoStacks, commandIds: readonly string[]): UndoStacks {
  let next = st;
  for (const id of new Set(commandIds)) {
    if (!next.issued.includes(id)) continue;
    next = { issued: without(next.issued, id), undo: bounded([...without(next.undo, id), id]), redo: [] };
  }
  return next;
}

export const nextUndo = (st: UndoStacks): string | null => st.undo[st.undo.length - 1] ?? null;
export const nextRedo = (st: UndoStacks): string | null => st.redo[st.redo.length - 1] ?? null;

/** `target` was taken back by the undo command `undoCommandId` (which redo will take back in turn). */
export function undone(st: UndoStacks, target: string, undoCommandId: string): UndoStacks {
  return { ...st, undo: without(st.undo, target), redo: bounded([...without(st.redo, undoCommandId), undoCommandId]) };
}

/** The undo command `undoCommandId` was itself taken back by `redoCommandId`: that one is undoable again. */
export function redone(st: UndoStacks, undoCommandId: string, redoCommandId: string): UndoStacks {
  return { ...st, redo: without(st.redo, undoCommandId), undo: bounded([...without(st.undo, redoCommandId), redoCommandId]) };
}

/** The server will never take this one back (somebody changed the same thing since): forget it. */
export function dropped(st: UndoStacks, commandId: string): UndoStacks {
  return { issued: without(st.issued, commandId), undo: without(st.undo, commandId), redo: without(st.redo, commandId) };
}

export function saveStacks(storage: KeyValueStorage, token: string, st: UndoStacks): void {
  try {
    if (!st.issued.length && !st.undo.length && !st.redo.length) storage.removeItem(undoKey(token));
    else storage.setItem(undoKey(token), JSON.stringify({ format: FORMAT, ...st }));
  } catch {
    // Storage full or disabled: undo still works until the tab closes.
  }
}

export function loadStacks(storage: KeyValueStorage, token: string): UndoStacks {
  try {
    const raw = storage.getItem(undoKey(token));
    if (!raw) return emptyStacks();
    const data = JSON.parse(raw) as Record<string, unknown>;
    if (data?.format !== FORMAT) return emptyStacks();
    const ids = (x: unknown) =>
      bounded(Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string' && i.length > 0 && i.length <= 100) : []);
    return { issued: ids(data.issued), undo: ids(data.undo), redo: ids(data.redo) };
  } catch {
    return emptyStacks();
  }
}
