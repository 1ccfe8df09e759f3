import { Fragment, useState } from 'react';
import { Names } from '../../ui/Names.tsx';
import { hasEntityHistory, historyActions, selectDiff } from '../../app/history.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { longTime } from '../../app/timeline.ts';
import { useTimeline } from './useTimeline.ts';
import { formatCount } from '../../app/format.ts';

/** What differs between two moments, line by line, with who changed it. */
export function ComparePanel() {
  const t = useTimeline();
  const diff = useAppSelector(selectDiff);
  const from = useAppSelector((s) => s.history.compareFrom);
  const viewing = useAppSelector((s) => s.history.viewing);
  const dispatch = useAppDispatch();
  const [limit, setLimit] = useState(200);
  if (from === null || !diff || !t) {
    return (
      <div className="timeline__empty" data-testid="compare-empty">
        <p>
          <strong>Compare two moments.</strong> Choose “Compare” on any change in the list: the board then marks every guest and table that differs
          between that moment and the one on display (or the plan as it is now), and this tab says what changed and who changed it.
        </p>
      </div>
    );
  }
  const at = (v: number | null) => (v === null ? 'now' : v === 0 ? 'the start' : longTime(t.history.event(v)?.meta.at ?? 0));
  const [older, newer] = viewing === null || from <= viewing ? [from, viewing] : [viewing, from];
  return (
    <div className="compare" data-testid="compare">
      <div className="compare__head">
        <p tabIndex={-1} data-focus-after-choice data-testid="compare-title">
          From <strong>{at(older)}</strong> to <strong>{at(newer)}</strong>
        </p>
        <button type="button" className="linkish" data-testid="compare-clear" onClick={() => dispatch(historyActions.compareFrom(null))}>
          Clear
        </button>
      </div>
      {diff.actors.length > 0 && (
        // Who made the edits in between, counted in edits: not the lines below (a change taken back again makes edits
        // and no difference), which "By Olga (30)" above one line seemed to say.
        <p className="compare__by" data-testid="compare-by">
          Edits made in between:{' '}
          {diff.actors.map((a, i) => (
            <Fragment key={a.actor}>
              {i > 0 && ', '}
              {formatCount(a.events)} by <bdi>{a.actor}</bdi>
            </Fragment>
          ))}
        </p>
      )}
      {diff.lines.length === 0 ? (
        <p className="timeline__empty">Nothing differs between these two moments.</p>
      ) : (
        <ul className="compare__lines" data-testid="compare-lines">
          {diff.lines.slice(0, limit).map((l, i) => {
            const text = (
              <>
                <span>{l.text}</span>
                {l.by.length > 0 && (
                  <span className="muted">
                    {' '}
                    — by <Names names={l.by} />
                  </span>
                )}
              </>
            );
            // One guest or table may have several lines (moved, and edited): the key is the line's place too.
            return (
              <li key={`${i}:${l.key}`}>
                {hasEntityHistory(l.key) ? (
                  <button
                    type="button"
                    className="compare__line"
                    onClick={() => dispatch(historyActions.entity(l.key))}
                    title="Show the history of this one"
                  >
                    {text}
                  </button>
                ) : (
                  <span className="compare__line compare__line--plain">{text}</span>
                )}
              </li>
            );
          })}
          {diff.lines.length > limit && (
            <li>
              <button type="button" className="linkish" onClick={() => setLimit((x) => x + 500)}>
                Show {formatCount(Math.min(500, diff.lines.length - limit))} more of {formatCount(diff.lines.length)}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
