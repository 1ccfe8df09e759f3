import type { KeyboardEvent } from 'react';

/**
 * The arrow keys of a tablist (WAI-ARIA's tabs pattern): Left and Right select the tab before or after `current`,
 * round the ends, and move the focus to it (each tab's element id is `idOf(tab)`).
 */
export function tabArrows<Id extends string>(tabs: readonly { id: Id }[], current: Id, select: (id: Id) => void, idOf: (id: Id) => string) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const at = tabs.findIndex((x) => x.id === current);
    const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    select(next.id);
    document.getElementById(idOf(next.id))?.focus();
  };
}
