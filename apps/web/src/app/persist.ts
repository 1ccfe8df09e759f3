import type { KeyValueStorage, PendingCommand } from '@seatfold/sync';

/** The part of Web Storage we use (localStorage in the browser, a Map in tests): declared once, in the sync client. */
export type { KeyValueStorage };

const FORMAT = 1;
export const pendingKey = (token: string) => `seatfold:pending:${token}`;

/** Saves the commands not yet confirmed by the server, so a reload (or a crash while offline) does not lose them. */
export function savePending(storage: KeyValueStorage, token: string, pending: readonly PendingCommand[]): void {
  try {
    if (pending.length === 0) storage.removeItem(pendingKey(token));
    else storage.setItem(pendingKey(token), JSON.stringify({ format: FORMAT, savedAt: Date.now(), pending }));
  } catch {
    // Storage full or disabled (private mode): the edits still sync while the tab stays open.
  }
}

/** The saved pending commands, or [] when there are none or what is stored cannot be trusted. */
export function loadPending(storage: KeyValueStorage, token: string): PendingCommand[] {
  let raw: string | null;
  try {
    raw = storage.getItem(pendingKey(token));
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const data = JSON.parse(raw) as { format?: unknown; pending?: unknown };
    if (data?.format !== FORMAT || !Array.isArray(data.pending)) return [];
    return data.pending.filter(isPending).map((p) => ({ commandId: p.commandId, command: p.command, batchId: p.batchId ?? null, ackedAt: null }));
  } catch {
    return [];
  }
}

function isPending(x: unknown): x is PendingCommand {
  if (!x || typeof x !== 'object') return false;
  const p = x as Record<string, unknown>;
  const c = p.command as Record<string, unknown> | null;
  return (
    typeof p.commandId === 'string' &&
    p.commandId.length > 0 &&
    !!c &&
    typeof c === 'object' &&
    typeof c.type === 'string' &&
    (p.batchId == null || typeof p.batchId === 'string')
  );
}
