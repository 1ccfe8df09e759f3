import { rulesOf, ruleText } from '@seatfold/domain/core';
import { solverRulesFromPlan } from '@seatfold/solver/plan';
import { useId, useMemo } from 'react';
import { selectGuestLabels, selectView } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { RuleForm } from './RuleForm.tsx';
import { RemoveRule } from './RemoveRule.tsx';
import { useSend } from './useSend.ts';

/**
 * The plan's seating rules (together/apart, at a table, in a room, near or away from a fixture; must/wish) with a
 * remove button each, and the form to add any of them (RuleForm). A rule naming a removed guest, table, room or
 * fixture reads "(removed guest)" and says whether automatic seating ignores it — and why, when the solver noted
 * it. Each change is one command, checked with the domain's schema and decide before it is sent.
 */
export function RulesList() {
  const view = useAppSelector(selectView);
  // labels read once: ruleText's own would read every guest for each rule (2,000 rules × 20,000 guests)
  const labels = useAppSelector(selectGuestLabels);
  const rules = useMemo(() => Object.values(rulesOf(view)), [view]);
  const notes = useMemo(() => new Map(solverRulesFromPlan(view).notes.map((n) => [n.ruleId, n])), [view]);
  const { send, error } = useSend();
  const title = useId();

  return (
    <section className="autoseat__rules" aria-labelledby={title} data-testid="autoseat-rules">
      <h3 id={title}>Rules ({rules.length})</h3>
      {rules.length === 0 ? (
        <p className="muted" data-testid="autoseat-no-rules">
          No rules yet. Add one below to keep guests together or apart, or to seat them at a table, in a room, or near or away from a stage, bar or
          other fixture; the solver keeps a “must” always and a “wish” where it can.
        </p>
      ) : (
        <ul data-testid="autoseat-rule-list">
          {rules.map((r) => {
            const text = ruleText(view, r, (id) => labels.get(id));
            return (
              <li key={r.id} data-testid="autoseat-rule">
                {text}
                {notes.has(r.id) && (
                  <span className="muted" data-testid="autoseat-rule-note">
                    {' '}
                    (
                    {notes.get(r.id)!.ignored
                      ? `ignored by automatic seating: ${whyIgnored(notes.get(r.id)!.note)}`
                      : 'holds for the guests still in the plan'}
                    )
                  </span>
                )}{' '}
                <RemoveRule ruleId={r.id} text={text} send={send} />
              </li>
            );
          })}
        </ul>
      )}
      <RuleForm />
      {error && (
        <p className="notice notice--error" role="alert" data-testid="rule-remove-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** The reason part of a solver note ("…: it names a guest who was removed, so it is ignored." → "it names a guest who was removed"). */
function whyIgnored(note: string): string {
  const m = /: ([^:]*), so it is ignored\.$/.exec(note);
  return m?.[1] ?? 'it names something removed';
}
