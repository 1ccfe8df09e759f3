import { byName, capital, describeEvent, guestMatcher, tableMatches, type EntityKey } from '@seatfold/domain/core';
import type { WireEvent } from '@seatfold/sync';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { entityName, historyActions, selectDisplayed } from '../../app/history.ts';
import { restoreEntity, restoreTakesBack, restoreWouldRemove } from '../../app/historyUndo.ts';
import { selectGuestLabels, selectIsOrganiser } from '../../app/selectors.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store.ts';
import { shortTime } from '../../app/timeline.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useTimeline } from './useTimeline.ts';
import { formatCount } from '../../app/format.ts';

/** The history of one guest or table: every change that touched it, and restoring it as it was. */
export function EntityPanel() {
  const t = useTimeline();
  const entity = useAppSelector((s) => s.history.entity);
  const loaded = useAppSelector((s) => s.history.loaded);
  const viewing = useAppSelector((s) => s.history.viewing);
  const organiser = useAppSelector(selectIsOrganiser);
  const shown = useAppSelector(selectDisplayed);
  const live = useAppSelector((s) => s.plan.view);
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const [limit, setLimit] = useState(100);
  const [busy, setBusy] = useState(false);
  const rowIds = useId();
  // `loaded` re-runs the scan when the history grows (the registry is mutated in place).
  const events = useMemo<WireEvent[]>(() => (t && entity && loaded >= 0 ? t.history.touching(entity) : []), [t, entity, loaded]);
  const sentences = useRef(new Map<number, string>());
  useEffect(() => sentences.current.clear(), [entity, t]);

  // A restore from the past goes back to now, and "Restore … as it was here" goes with the past: focus, lost with it,
  // goes to the history shown. (A restore button still there has taken focus back by then: its effect runs first.)
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [restores, setRestores] = useState(0);
  const restore = async (version: number) => {
    if (!entity) return;
    setBusy(true);
    await restoreEntity(store, entity, version);
    setBusy(false);
    setRestores((n) => n + 1);
  };
  useEffect(() => {
    if (restores > 0 && (document.activeElement === null || document.activeElement === document.body)) titleRef.current?.focus();
  }, [restores]);

  return (
    <div className="entity">
      <EntityPicker />
      {!entity ? (
        <div className="timeline__empty" data-testid="entity-empty">
          <p>
            Click a guest or a table on the board (or press Enter on a table’s card, or find one above) to see every change that touched it, who made
            it and when — and to restore it as it was.
          </p>
        </div>
      ) : (
        <>
          <div className="entity__head">
            <h3 ref={titleRef} data-testid="entity-title" tabIndex={-1} data-focus-after-choice>
              History of {entityName(entity, [shown, live])}
            </h3>
            <button type="button" className="linkish" onClick={() => dispatch(historyActions.entity(null))}>
              Clear
            </button>
          </div>
          {organiser && viewing !== null && (
            <RestoreButton
              entity={entity}
              version={viewing}
              busy={busy}
              restore={restore}
              className="button button--small entity__restore-here"
              testId="restore-at-viewing"
            >
              Restore {entityName(entity, [shown, live])} as it was here
            </RestoreButton>
          )}
          {events.length === 0 ? (
            <p className="timeline__empty">{loaded ? 'No change has touched it yet.' : 'Loading…'}</p>
          ) : (
            <ol className="entity__list" data-testid="entity-history" reversed>
              {events
                .slice(-limit)
                .reverse()
                .map((e) => {
                  let s = sentences.current.get(e.version);
                  if (s === undefined && t) {
                    s = describeEvent(e.event, t.history.stateAt(e.version - 1));
                    sentences.current.set(e.version, s);
                  }
                  const current = viewing === e.version;
                  // The row's buttons are described by its sentence, as in the Changes list: a screen reader tabbing to
                  // "Restore before this" hears which change it is next to.
                  const sentenceId = `${rowIds}-${e.version}`;
                  return (
                    <li
                      key={e.version}
                      className="entity__item"
                      data-testid="entity-event"
                      data-version={e.version}
                      data-current={current || undefined}
                    >
                      <button
                        type="button"
                        className="tl-row__main"
                        aria-current={current || undefined}
                        onClick={() => dispatch(historyActions.view(e.version))}
                        title="Show the plan right after this change"
                      >
                        <span className="tl-row__sentence" id={sentenceId}>
                          <strong>{t ? t.nameOf(e.meta) : e.meta.actor}</strong> {s}
                        </span>
                        <span className="tl-row__meta">
                          <time dateTime={new Date(e.meta.at).toISOString()}>{shortTime(e.meta.at)}</time>
                          <span aria-hidden="true"> · #{e.version}</span>
                        </span>
                      </button>
                      <span className="tl-row__actions">
                        <button
                          type="button"
                          className="linkish"
                          aria-describedby={sentenceId}
                          onClick={() => dispatch(historyActions.view(e.version - 1))}
                        >
                          Before
                        </button>
                        {organiser && (
                          <RestoreButton
                            entity={entity}
                            version={e.version - 1}
                            busy={busy}
                            restore={restore}
                            className="linkish"
                            testId="restore-before"
                            title="Restore it as it was just before this change"
                            describedBy={sentenceId}
                          >
                            Restore before this
                          </RestoreButton>
                        )}
                      </span>
                    </li>
                  );
                })}
              {events.length > limit && (
                <li>
                  <button type="button" className="linkish" onClick={() => setLimit((x) => x + 200)}>
                    Show older ({formatCount(events.length - limit)} more)
                  </button>
                </li>
              )}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

/**
 * A restore button. It asks first where restoring does more than it says: it removes the guest or table (it did not
 * exist yet at that moment), since "restore" does not read as "remove"; or it takes back later changes other people
 * made, which it names, since undo and revert never overwrite those unasked.
 */
function RestoreButton(p: {
  entity: EntityKey;
  version: number;
  busy: boolean;
  restore: (version: number) => Promise<void>;
  className: string;
  testId: string;
  title?: string;
  /** the id of the text that says which change the button is next to */
  describedBy?: string;
  children: ReactNode;
}) {
  const store = useAppStore();
  const live = useAppSelector((s) => s.plan.view);
  /** null: not asking; else what the question says */
  const [asking, setAsking] = useState<{ removes: boolean; later: { text: string; mine: boolean }[] } | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The question (its Cancel, Escape, or the restore it asked for) takes away the control that had focus, and the
  // button is disabled while a restore runs, which also takes focus from it: focus comes back to the button once it
  // is there and enabled again, not to the top of the page. Only when focus was lost: a click elsewhere meanwhile keeps it.
  const refocus = useRef(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (refocus.current && !p.busy) {
      refocus.current = false;
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost) button.current?.focus();
    }
  }, [asking, p.busy]);
  if (!asking) {
    return (
      <button
        ref={button}
        type="button"
        className={p.className}
        data-testid={p.testId}
        disabled={p.busy}
        title={p.title}
        aria-describedby={p.describedBy}
        onClick={() => {
          // Asked, saying what it takes back, unless it takes back just one change of mine (the one it is next to):
          // a removal, others' changes, or more than the change in view (a seat, say, with a department).
          const removes = restoreWouldRemove(store, p.entity, p.version);
          const later = restoreTakesBack(store, p.entity, p.version);
          refocus.current = true;
          if (removes || later.length > 1 || later.some((c) => !c.mine)) setAsking({ removes, later });
          else void p.restore(p.version);
        }}
      >
        {p.children}
      </button>
    );
  }
  const name = entityName(p.entity, [live]);
  const shown = asking.later.slice(-5);
  const others = asking.later.filter((c) => !c.mine).length;
  const n = asking.later.length;
  const changes = n === 1 ? 'a later change' : `${n} later changes`;
  const whose = others === n ? ' by others' : others === 0 ? ' of yours' : ` (${others} by others)`;
  return (
    <span
      className="entity__confirm"
      role="group"
      aria-label={asking.removes ? `Remove ${name}?` : `Restore ${name}?`}
      data-testid="restore-confirm"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // the question's own Escape: the panel stays open
        setAsking(null);
      }}
    >
      {asking.removes && <span>{`${capital(name)} did not exist yet then: restoring removes it from the plan.`}</span>}
      {(others > 0 || n > 1) && (
        <>
          <span>{`Restoring takes back ${changes}${whose}:`}</span>
          <ul className="entity__overwrites" data-testid="restore-overwrites">
            {n > shown.length && <li>… and {n - shown.length} earlier</li>}
            {shown.map((c, i) => (
              <li key={i}>{c.text}</li>
            ))}
          </ul>
        </>
      )}
      <button
        ref={confirm}
        type="button"
        className="button button--small button--danger"
        data-testid={asking.removes ? 'restore-confirm-remove' : 'restore-confirm-restore'}
        disabled={p.busy}
        onClick={() => void p.restore(p.version).then(() => setAsking(null))}
      >
        {asking.removes ? `Remove ${name}` : 'Restore anyway'}
      </button>
      <button type="button" className="linkish" onClick={() => setAsking(null)}>
        Cancel
      </button>
    </span>
  );
}

const idOf = (key: EntityKey) => key.slice(key.indexOf(':') + 1);

/** Find a guest or a table by name (in the plan on display, or removed before). */
function EntityPicker() {
  const shown = useAppSelector(selectDisplayed);
  // In the past, a guest or table is found by its name then or now (renamed since: "Head" finds the old table 2).
  const live = useAppSelector((s) => s.plan.view);
  const dispatch = useAppDispatch();
  const labels = useAppSelector(selectGuestLabels);
  // the history held so far (`loaded` changes as it grows): removed guests and tables are found in it
  const t = useTimeline();
  const loaded = useAppSelector((s) => s.history.loaded);
  const [q, setQ] = useState('');
  const matches = useMemo(() => {
    const query = q.trim();
    if (!query) return [];
    // As the board's search finds them: a table by its number or name or its physical table's label ("12" is not
    // table 112), a guest by every word in any field, umlauts spelled out or not.
    const out: { key: EntityKey; label: string; detail?: string }[] = [];
    const listed = new Set<EntityKey>();
    const states = shown === live ? [shown] : [shown, live];
    for (const st of states) {
      for (const tb of Object.values(st.tables).sort(byName)) {
        const physical = tb.physicalTableId ? st.physicalTables[tb.physicalTableId] : undefined;
        const key: EntityKey = `table:${tb.id}`;
        if (listed.has(key) || !tableMatches(tb, query, physical?.label)) continue;
        listed.add(key);
        const then = shown.tables[tb.id];
        // found by its name now: said under the name it has in the moment on display
        out.push({
          key,
          label: `Table ${(then ?? tb).name}`,
          detail: !then ? 'added later' : then.name !== tb.name ? `now table ${tb.name}` : undefined,
        });
      }
    }
    const matcher = guestMatcher(query);
    for (const st of states) {
      for (const g of Object.values(st.guests).sort(byName)) {
        if (out.length >= 12) break;
        const key: EntityKey = `guest:${g.id}`;
        if (listed.has(key) || !matcher(g)) continue;
        listed.add(key);
        // Namesakes are common in a big guest list: the e-mail and the seat tell them apart.
        const past = shown.guests[g.id];
        const then = past ?? g;
        const table = then.tableId ? shown.tables[then.tableId] : undefined;
        const seat = !past ? 'added later' : table ? `table ${table.name}` : 'not seated';
        const detail = [then.email, seat, then.name !== g.name ? `now ${g.name}` : ''].filter(Boolean).join(' · ');
        out.push({ key, label: labels.get(g.id) ?? then.name, detail });
      }
    }
    // Removed ones (and not added back): found by the name they had, to see and restore them as they were.
    for (const r of t && loaded >= 0 ? t.history.removals() : []) {
      if (out.length >= 12) break;
      if (listed.has(r.key) || states.some((st) => (r.event.type === 'GuestRemoved' ? st.guests : st.tables)[idOf(r.key)])) continue;
      const ev = r.event;
      const found =
        ev.type === 'GuestRemoved'
          ? matcher({ id: ev.guestId, tableId: null, accessibility: '', ref: '', ...ev.previous })
          : tableMatches({ id: ev.tableId, ...ev.previous, guestIds: [], locked: false, physicalTableId: null }, query);
      if (!found) continue;
      listed.add(r.key);
      const removed = `removed ${shortTime(r.at)}`;
      out.push(
        ev.type === 'GuestRemoved'
          ? { key: r.key, label: ev.previous.name, detail: [ev.previous.email, removed].filter(Boolean).join(' · ') }
          : { key: r.key, label: `Table ${ev.previous.name}`, detail: removed },
      );
    }
    return out.slice(0, 12);
  }, [q, shown, live, labels, t, loaded]);
  const listRef = useRef<HTMLUListElement>(null);
  const countId = useId();
  const pick = (key: EntityKey) => {
    dispatch(historyActions.entity(key));
    setQ('');
  };
  const found =
    q.trim() === ''
      ? ''
      : matches.length === 0
        ? `No guest or table matches “${q.trim()}”.`
        : `${matches.length === 12 ? 'The first 12' : matches.length} ${matches.length === 1 ? 'match' : 'matches'}: Enter shows the first, Down arrow goes through them.`;
  // Down from the field into the matches, Up and Down between them, Up from the first back to the field.
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLElement>('button') ?? []);
    const at = buttons.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) listRef.current?.parentElement?.querySelector<HTMLElement>('[data-testid="entity-search"]')?.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  };
  return (
    <div className="entity-picker">
      <label className="search">
        <Icon name="search" size={15} />
        <span className="visually-hidden">Find a guest or a table</span>
        <input
          type="search"
          data-testid="entity-search"
          placeholder="Find a guest or a table…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches[0]) {
              e.preventDefault();
              // Focus then goes to what is shown, as after a click on a match (TimelinePanel's focus after a choice).
              e.currentTarget.blur();
              pick(matches[0].key);
            } else if (e.key === 'ArrowDown' && matches.length > 0) {
              e.preventDefault();
              listRef.current?.querySelector<HTMLElement>('button')?.focus();
            }
          }}
          aria-describedby={countId}
          autoComplete="off"
        />
      </label>
      <p
        id={countId}
        className={matches.length === 0 && q.trim() ? 'entity-picker__none muted' : 'visually-hidden'}
        aria-live="polite"
        data-testid="entity-found"
      >
        {found}
      </p>
      {matches.length > 0 && (
        <ul className="entity-picker__list" aria-label="Matches" ref={listRef} onKeyDown={onListKey}>
          {matches.map((m) => (
            <li key={m.key}>
              <button type="button" data-testid="entity-match" onClick={() => pick(m.key)}>
                {m.label}
                {m.detail && <span className="entity-picker__detail"> · {m.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
