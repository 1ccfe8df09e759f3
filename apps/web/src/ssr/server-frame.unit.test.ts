import { describe, expect, it } from 'vitest';
import { decide, demoPlanCommands, evolve, initialState, type PlanState } from '@seatfold/domain';
import { encodeState, type PlanStateReply } from '@seatfold/sync';
import { renderServerFrame } from './server-frame.tsx';

/** The demo plan (1,500 guests, 150 tables) folded here, as the server holds it. */
function demo(): PlanState {
  const s = initialState();
  for (const c of demoPlanCommands()) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(d.error.message);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

const reply = (role: 'organise' | 'review'): PlanStateReply => ({
  planId: 'demo',
  planName: 'Company party',
  role,
  you: { id: '', name: '' },
  version: 42,
  // what the server sends: the state's wire encoding, as JSON
  state: JSON.parse(new TextDecoder().decode(encodeState(demo()))) as PlanStateReply['state'],
});

// Runs in Node, as in the server's worker: a component that reads the window while rendering fails here.
describe('a plan link page drawn at the server', () => {
  it("is the board of the plan's state: its name, totals, the first table cards and guest rows, not yet live", () => {
    const html = renderServerFrame(reply('organise'));
    // (matched, not printed whole on a failure: the page is 90 kB)
    expect(/data-testid="plan-name"[^>]*>Company party 2026 \(demo\)</.test(html)).toBe(true); // the state's own name
    expect(/data-testid="totals" data-seated="\d+" data-guests="1500" data-tables="150"/.test(html)).toBe(true);
    expect(html.match(/data-testid="table-card"/g)).toHaveLength(12); // a laptop's screen full (firstFrameCards)
    expect(html.match(/data-testid="guest-row"/g)?.length).toBeGreaterThanOrEqual(10);
    expect(html.includes('data-status="connecting"')).toBe(true);
    expect(html.includes('data-testid="open-add-tables"')).toBe(true); // an organiser's tools
    expect(html.includes('data-testid="plan-loading"')).toBe(false);
  });

  it('shows a reviewer no organiser tools', () => {
    const html = renderServerFrame(reply('review'));
    expect(html.match(/data-testid="table-card"/g)).toHaveLength(12);
    expect(html.includes('data-testid="open-add-tables"')).toBe(false);
  });
});
