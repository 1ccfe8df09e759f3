import { andList } from '@seatfold/domain/core';
import { useId, type ReactNode } from 'react';
import { MovesList } from './MovesList.tsx';
import { MODE_LABEL, type AutoseatMode, type Preview } from './preview.ts';
import { planTerms } from './terms.ts';

const SHOWN = 200;

/** The proposal: numbers before and after, who moves where, what could not be satisfied and why. */
export function PreviewView({ mode, preview, stopped, children }: { mode: AutoseatMode; preview: Preview; stopped: boolean; children: ReactNode }) {
  const issuesId = useId();
  const notesId = useId();
  const brokenId = useId();
  const { moves, score, before, unsatisfied, notes, brokenNow } = preview;
  return (
    <section
      className="autoseat__preview"
      aria-label={`${MODE_LABEL[mode]}: proposal`}
      data-testid="autoseat-preview"
      data-moves={moves.length}
      data-score={score.total}
    >
      <h3>Proposal{stopped ? ' (stopped early: the best plan found so far)' : ''}</h3>
      <dl className="autoseat__numbers">
        <div>
          <dt>Without a seat</dt>
          <dd data-testid="autoseat-unseated">
            {preview.unseatedBefore} before → {preview.unseatedAfter} after
          </dd>
        </div>
        <div>
          <dt>Guests who get a seat or change table</dt>
          <dd data-testid="autoseat-move-count">{moves.length}</dd>
        </div>
      </dl>
      <table className="autoseat__scores" data-testid="autoseat-scores">
        <caption>The plan as it is and this proposal, by what the seating weighs</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Now</th>
            <th scope="col">Proposal</th>
          </tr>
        </thead>
        <tbody>
          {planTerms(before, score).map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.label}</th>
              <td data-testid={`autoseat-${t.id}-before`}>{t.now}</td>
              <td data-testid={`autoseat-${t.id}`}>{t.proposal}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.unplaced.guests > 0 && (
        <p className="autoseat__unplaced" data-testid="autoseat-unplaced">
          {preview.unplaced.guests.toLocaleString()} {preview.unplaced.guests === 1 ? 'guest would sit' : 'guests would sit'} at{' '}
          {preview.unplaced.tables.length === 1 ? 'table' : 'tables'} {listNames(preview.unplaced.tables)}, placed in no room yet: place{' '}
          {preview.unplaced.tables.length === 1 ? 'it' : 'them'} in the Rooms tab, or lock {preview.unplaced.tables.length === 1 ? 'it' : 'them'} to
          keep {preview.unplaced.tables.length === 1 ? 'it' : 'them'} empty.
        </p>
      )}
      {brokenNow.length > 0 && (
        <>
          <h4 id={brokenId}>Must-haves the plan breaks now ({brokenNow.length})</h4>
          <ul className="autoseat__issues" aria-labelledby={brokenId} data-testid="autoseat-broken-now">
            {brokenNow.slice(0, SHOWN).map((u, i) => (
              <li key={`${u.kind}-${u.ruleId ?? ''}-${i}`}>{u.reason}</li>
            ))}
            {brokenNow.length > SHOWN && <li className="muted">…and {brokenNow.length - SHOWN} more.</li>}
          </ul>
        </>
      )}
      {moves.length === 0 ? (
        <p className="muted" data-testid="autoseat-no-moves">
          Nothing to change: the plan is already as good as the solver can make it.
        </p>
      ) : (
        <MovesList moves={moves} />
      )}
      {unsatisfied.length > 0 && (
        <>
          <h4 id={issuesId}>Could not be satisfied ({unsatisfied.length})</h4>
          <ul className="autoseat__issues" aria-labelledby={issuesId} data-testid="autoseat-unsatisfied">
            {unsatisfied.map((u, i) => (
              <li key={`${u.kind}-${u.ruleId ?? ''}-${i}`}>
                {u.hard && <strong>Hard: </strong>}
                {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {notes.length > 0 && (
        <>
          <h4 id={notesId}>Rules naming removed guests, tables or rooms ({notes.length})</h4>
          <ul className="autoseat__issues" aria-labelledby={notesId} data-testid="autoseat-rule-notes">
            {notes.map((n) => (
              <li key={n.ruleId}>{n.note}</li>
            ))}
          </ul>
        </>
      )}
      {children}
    </section>
  );
}

/** "131, 132 and 133", or the first ten and how many more. */
function listNames(names: readonly string[]): string {
  return names.length > 10 ? andList([...names.slice(0, 10), `${names.length - 10} more`]) : andList(names);
}
