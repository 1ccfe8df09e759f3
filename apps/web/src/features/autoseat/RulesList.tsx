import { decide, parseCommand, rulesOf, ruleText, type Command } from '@seatfold/domain';
import { solverRulesFromPlan } from '@seatfold/solver/plan';
import { useId, useMemo, useState } from 'react';
import { selectGuestsByName, selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';

/**
 * The plan's seating rules (together/apart, at a table, in a room; must/wish) with a remove button each, and a
 * form to add a together/apart rule from two guests (place rules are added from a guest's dialog). A rule naming a
 * removed guest, table or room reads "(removed guest)" and says whether automatic seating ignores it. Each change is one command, checked with the domain's schema and decide before it is sent.
 */
export function RulesList() {
  const store = useAppStore();
  const issue = useIssue();
  const view = useAppSelector(selectView);
  const guests = useAppSelector(selectGuestsByName);
  const rules = useMemo(() => Object.values(rulesOf(view)), [view]);
  const notes = useMemo(() => new Map(solverRulesFromPlan(view).notes.map((n) => [n.ruleId, n])), [view]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [kind, setKind] = useState<'together' | 'apart'>('together');
  const [hard, setHard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { a: useId(), b: useId(), kind: useId(), hard: useId(), title: useId() };

  const send = (command: Command) => {
    const parsed = parseCommand(command);
    if (!parsed.ok) return setError(parsed.message), false;
    const decision = decide(store.getState().plan.view, parsed.command);
    if (!decision.ok) return setError(decision.error.message), false;
    if (issue(parsed.command) === null) return setError('The plan is not open yet. Wait a moment and try again.'), false;
    setError(null);
    return true;
  };

  const add = () => {
    if (!a || !b) return setError('Pick two guests for the rule.');
    if (send({ type: 'addSeatingRule', ruleId: `rule-${crypto.randomUUID()}`, kind, hard, guestIds: [a, b] })) {
      setA('');
      setB('');
    }
  };

  return (
    <section className="autoseat__rules" aria-labelledby={ids.title} data-testid="autoseat-rules">
      <h3 id={ids.title}>Rules ({rules.length})</h3>
      {rules.length === 0 ? (
        <p className="muted" data-testid="autoseat-no-rules">
          No rules yet. Add one to keep two guests together or apart (or, from a guest’s dialog, seat them at a table or in a room); the solver keeps a “must” always and a “wish” where it can.
        </p>
      ) : (
        <ul data-testid="autoseat-rule-list">
          {rules.map((r) => {
            const text = ruleText(view, r);
            return (
              <li key={r.id} data-testid="autoseat-rule">
                {text}
                {notes.has(r.id) && (
                  <span className="muted" data-testid="autoseat-rule-note">
                    {' '}
                    ({notes.get(r.id)!.ignored ? 'ignored by automatic seating: it names something removed' : 'holds for the guests still in the plan'})
                  </span>
                )}{' '}
                <button type="button" className="button button--small" aria-label={`Remove the rule: ${text}`} onClick={() => send({ type: 'removeSeatingRule', ruleId: r.id })}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="autoseat__rule-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label htmlFor={ids.kind}>Keep</label>
        <select id={ids.kind} data-testid="rule-kind" value={kind} onChange={(e) => setKind(e.target.value as 'together' | 'apart')}>
          <option value="together">together</option>
          <option value="apart">apart</option>
        </select>
        <label htmlFor={ids.a}>First guest</label>
        <select id={ids.a} data-testid="rule-guest-a" value={a} onChange={(e) => setA(e.target.value)}>
          <option value="">Choose…</option>
          {guests.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.b}>Second guest</label>
        <select id={ids.b} data-testid="rule-guest-b" value={b} onChange={(e) => setB(e.target.value)}>
          <option value="">Choose…</option>
          {guests.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.hard}>
          <input id={ids.hard} type="checkbox" data-testid="rule-hard" checked={hard} onChange={(e) => setHard(e.target.checked)} /> Must (not just a wish)
        </label>
        <button type="submit" className="button button--small" data-testid="rule-add">
          Add rule
        </button>
      </form>
      {error && (
        <p className="notice notice--error" role="alert" data-testid="rule-error">
          {error}
        </p>
      )}
    </section>
  );
}
