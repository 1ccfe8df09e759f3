import type { Command } from '@seatfold/domain/core';

/** A rule's Remove button, named by the rule's sentence for a screen reader (the rules panel's and a guest's list). */
export function RemoveRule({ ruleId, text, send }: { ruleId: string; text: string; send: (c: Command) => Promise<boolean> }) {
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={`Remove the rule: ${text}`}
      onClick={() => void send({ type: 'removeSeatingRule', ruleId })}
    >
      Remove
    </button>
  );
}
