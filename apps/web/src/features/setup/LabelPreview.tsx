import { duplicateLabels, expandLabels, firstFreeNumber } from '@seatfold/domain/core';

/**
 * What a bulk add will create, before it is sent: the labels a pattern gives ("Creates 10 physical tables in
 * Ballroom: T-11, T-12, …, T-20"), and — when some of them exist already — which, with a button that starts the
 * range at the first number where it fits. The planner sees where the numbers continue instead of learning it
 * from a refusal or from the labels made.
 */
export function LabelPreview({
  pattern,
  count,
  from,
  existing,
  noun,
  where,
  onStartAt,
  testId,
}: {
  pattern: string;
  count: number;
  from: number;
  existing: readonly string[];
  noun: [one: string, many: string];
  where?: string;
  onStartAt: (n: number) => void;
  testId: string;
}) {
  const labels = expandLabels(pattern, count, from);
  const taken = duplicateLabels(labels, existing);
  const free = taken.length > 0 ? firstFreeNumber(pattern, count, existing) : from;
  const shown = labels.length > 5 ? [...labels.slice(0, 4), '…', labels[labels.length - 1]!] : labels;
  // The preview follows every keystroke and is not announced; the clash is (a polite live region kept in place).
  return (
    <>
      <p className="muted" data-testid={testId}>
        Creates {labels.length} {labels.length === 1 ? noun[0] : noun[1]}
        {where ? ` in ${where}` : ''}: {shown.join(', ')} — all at once, or none if anything is refused.
      </p>
      <div aria-live="polite">
        {taken.length > 0 && (
          <p className="setup-clash" data-testid={`${testId}-taken`}>
            {taken.length === labels.length
              ? 'All of these exist'
              : `${taken.slice(0, 5).join(', ')}${taken.length > 5 ? '…' : ''} ${taken.length === 1 ? 'exists' : 'exist'}`}{' '}
            already.{' '}
            {free !== from && (
              <button type="button" className="button" data-testid={`${testId}-start-at`} onClick={() => onStartAt(free)}>
                Start at {expandLabels(pattern, 1, free)[0]}
              </button>
            )}
          </p>
        )}
      </div>
    </>
  );
}
