import type { Command } from '../commands.ts';

// The shape of a guest import: the rows it reads, the plan it proposes (planGuestImport in guests.ts) and its options.

export interface SheetRow {
  /** the row number as the spreadsheet shows it */
  rowNumber: number;
  cells: string[];
}

export type RowStatus = 'new' | 'updated' | 'unchanged' | 'rejected';
/** What a row is matched with an existing guest by: the guest number, the e-mail, or the name. */
export type MatchKey = 'ref' | 'email' | 'name';

export interface GuestImportRow {
  rowNumber: number;
  status: RowStatus;
  name: string;
  guestId: string | null;
  /** how the row found its existing guest; null for new and rejected rows */
  matchedBy: MatchKey | null;
  /** for 'updated': what changes, e.g. ["department “Sales” → “Marketing”", "table 3 → 7"]; for 'new': ["seated at table 7"] or none */
  changes: string[];
  reason: string | null;
  /** imported, but not quite as the file says: "table 3 is full: imported unseated" */
  warnings: string[];
}

export interface NewTablesOption {
  /** create the tables the file names that do not exist yet (else those rows are imported unseated) */
  create: boolean;
  /** seats of each created table */
  capacity: number;
}

export interface GuestImportPlan {
  /** the first key rows are matched by (kept for batch summaries) */
  key: MatchKey;
  /** every key tried, in order: guest number (when mapped), e-mail (when mapped), name */
  matchBy: MatchKey[];
  rows: GuestImportRow[];
  counts: Record<RowStatus | 'unseated' | 'newTables', number>;
  /** tables the file names that do not exist, named as they would be created: created in the same batch when `create` */
  newTables: { names: string[]; capacity: number; create: boolean };
  /** problems with the mapping itself; when not empty, nothing can be applied */
  blocking: string[];
  commands: Command[];
}

export interface GuestImportOptions {
  newTables?: Partial<NewTablesOption>;
  /** ids of created tables (default: newId) */
  newTableId?: () => string;
}
