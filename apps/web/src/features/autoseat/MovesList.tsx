import { matchKey } from '@seatfold/domain/core';
import { useId, useMemo, useState } from 'react';
import { Names } from '../../ui/Names.tsx';
import { moveText, type Move } from './preview.ts';

const SHOWN = 200;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Who moves where, so that a planner can check a proposal of hundreds of moves before applying it: how many lose a
 * seat, get one or change table; found by guest or table name; by guest (those who lose their seat first, then by
 * name) or by table (who each table gets and loses); the first 200, and all on request.
 */
export function MovesList({ moves }: { moves: readonly Move[] }) {
  const ids = { title: useId(), find: useId(), summary: useId() };
  const [find, setFind] = useState('');
  const [by, setBy] = useState<'guest' | 'table'>('guest');
  const [all, setAll] = useState(false);
  const counts = useMemo(() => {
    let lose = 0;
    let get = 0;
    for (const m of moves) {
      if (m.to === null) lose++;
      else if (m.from === null) get++;
    }
    return { lose, get, change: moves.length - lose - get };
  }, [moves]);
  const found = useMemo(() => {
    const key = matchKey(find);
    const hit = (s: string | null) => s !== null && matchKey(s).includes(key);
    const picked = key ? moves.filter((m) => hit(m.name) || hit(m.from) || hit(m.to)) : [...moves];
    // Who loses a seat first: the change a planner most needs to see.
    return picked.sort((a, b) => Number(b.to === null) - Number(a.to === null) || collator.compare(a.name, b.name));
  }, [moves, find]);
  const tables = useMemo(() => {
    const byTable = new Map<string, { gets: string[]; loses: string[] }>();
    const of = (t: string) => byTable.get(t) ?? byTable.set(t, { gets: [], loses: [] }).get(t)!;
    for (const m of found) {
      if (m.to !== null) of(m.to).gets.push(m.name);
      if (m.from !== null) of(m.from).loses.push(m.name);
    }
    return [...byTable].sort(([a], [b]) => collator.compare(a, b));
  }, [found]);
  const rows = by === 'guest' ? found.length : tables.length;
  const shown = all ? rows : Math.min(rows, SHOWN);

  return (
    <section className="autoseat__moves-box" aria-labelledby={ids.title}>
      <h4 id={ids.title}>Who moves where ({moves.length.toLocaleString()})</h4>
      <p className="muted" id={ids.summary} data-testid="autoseat-move-summary">
        {[
          counts.lose > 0 && `${counts.lose.toLocaleString()} lose their seat`,
          counts.get > 0 && `${counts.get.toLocaleString()} get a seat`,
          counts.change > 0 && `${counts.change.toLocaleString()} change table`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div className="autoseat__moves-tools">
        <label htmlFor={ids.find}>Find</label>
        <input
          id={ids.find}
          type="search"
          value={find}
          placeholder="a guest or table"
          data-testid="autoseat-moves-find"
          onChange={(e) => setFind(e.target.value)}
        />
        <fieldset className="autoseat__moves-by">
          <legend className="visually-hidden">List the moves</legend>
          <label>
            <input type="radio" name={ids.title} checked={by === 'guest'} onChange={() => setBy('guest')} /> by guest
          </label>
          <label>
            <input type="radio" name={ids.title} checked={by === 'table'} onChange={() => setBy('table')} data-testid="autoseat-moves-by-table" /> by
            table
          </label>
        </fieldset>
      </div>
      {rows === 0 ? (
        <p className="muted" role="status">
          No move names “{find.trim()}”.
        </p>
      ) : by === 'guest' ? (
        <ul className="autoseat__moves" aria-labelledby={ids.title} aria-describedby={ids.summary} data-testid="autoseat-moves" tabIndex={0}>
          {found.slice(0, shown).map((m) => (
            <li key={m.guestId} className={m.to === null ? 'is-losing' : undefined}>
              <strong>{m.name}</strong>: {moveText(m)}
            </li>
          ))}
        </ul>
      ) : (
        <ul
          className="autoseat__moves"
          aria-labelledby={ids.title}
          aria-describedby={ids.summary}
          data-testid="autoseat-moves-by-table-list"
          tabIndex={0}
        >
          {tables.slice(0, shown).map(([table, { gets, loses }]) => (
            <li key={table}>
              <strong>{table}</strong>:{' '}
              {gets.length > 0 && (
                <>
                  gets <Names names={gets} />
                </>
              )}
              {gets.length > 0 && loses.length > 0 && '; '}
              {loses.length > 0 && (
                <>
                  loses <Names names={loses} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown < rows && (
        <button type="button" className="button button--small" data-testid="autoseat-moves-all" onClick={() => setAll(true)}>
          Show all {rows.toLocaleString()} {by === 'guest' ? 'moves' : 'tables'} ({(rows - shown).toLocaleString()} more)
        </button>
      )}
    </section>
  );
}
