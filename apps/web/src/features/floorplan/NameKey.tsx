import type { KeyedName } from './chairs.ts';

/**
 * The key of names numbered on their chairs (no room beside the chair for a readable part of the name), under the
 * floor while names are drawn: the number, the whole name, its table and chair — as the printed plan's legend.
 */
export function NameKey({ entries }: { entries: readonly KeyedName[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="floor-key" data-testid="name-key" aria-labelledby="floor-key-title">
      <h3 id="floor-key-title">Numbered chairs</h3>
      <p className="muted">No room beside these chairs for the guest’s name: the chair shows a number instead.</p>
      <ol className="floor-key__list">
        {entries.map((e) => (
          <li key={e.key} data-key={e.key} data-physical-id={e.physicalId}>
            <b>{e.key}</b> {e.name} — table {e.table}, chair {e.chair}
          </li>
        ))}
      </ol>
    </section>
  );
}
