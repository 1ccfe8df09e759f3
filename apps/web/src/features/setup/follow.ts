import { useEffect, useRef, useState } from 'react';

/**
 * An edit form's values while the record it edits may change under it (another organiser, an import, an undo): a
 * three-way merge of what the form opened with (`base`), what the planner typed (`mine`) and the record now
 * (`theirs`). A field the planner has not touched follows the record; a field both changed keeps the planner's value
 * and is named in `clashes`, so the form can say so. Saving then sends only the planner's own edits (build.ts).
 */
export function follow<T extends object>(base: T, mine: T, theirs: T): { values: T; clashes: (keyof T)[] } {
  const values = { ...mine };
  const clashes: (keyof T)[] = [];
  for (const k of Object.keys(theirs) as (keyof T)[]) {
    if (theirs[k] === base[k]) continue;
    if (mine[k] === base[k]) values[k] = theirs[k];
    else if (mine[k] !== theirs[k]) clashes.push(k);
  }
  return { values, clashes };
}

/**
 * A form that follows its record (see `follow`). `record` is the record's form values now (null: a new record, nothing
 * to follow); keep it referentially stable while the record is unchanged. Returns the values, a setter, the base the
 * planner's edits are measured from, and the fields somebody else changed that the planner had changed too.
 */
export function useFollowedForm<T extends object>(initial: T, record: T | null, kept?: KeptDraft<T>) {
  // A draft kept from an earlier mount of the same form (a row moved to another room's list) picks up where it was.
  const [draft] = useState(() => kept?.load());
  const [values, setValues] = useState<T>(draft?.values ?? initial);
  const base = useRef<T>(draft?.base ?? record ?? initial);
  const [clashes, setClashes] = useState<(keyof T)[]>(draft?.clashes ?? []);
  useEffect(() => {
    if (!record || (Object.keys(record) as (keyof T)[]).every((k) => record[k] === base.current[k])) return;
    const merged = follow(base.current, values, record);
    base.current = record;
    setValues(merged.values);
    setClashes((was) => [...new Set([...was, ...merged.clashes])]);
  }, [record, values]);
  useEffect(() => {
    if (!kept) return;
    const typed = (Object.keys(values) as (keyof T)[]).some((k) => values[k] !== base.current[k]);
    kept.save(typed ? { values, base: base.current, clashes } : undefined);
  }, [kept, values, clashes]);
  const reset = (next: T) => {
    base.current = record ?? next;
    setValues(next);
    setClashes([]);
  };
  return { values, setValues, base, clashes, reset };
}

/** A followed form's draft as kept outside it: what was typed, the base it was typed on, the fields that clashed. */
export interface FormDraft<T> {
  values: T;
  base: T;
  clashes: (keyof T)[];
}

/** Where a form keeps its draft beyond its own mount (undefined: no draft). Keep it referentially stable. */
export interface KeptDraft<T> {
  load(): FormDraft<T> | undefined;
  save(draft: FormDraft<T> | undefined): void;
}
