import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from './protocol.ts';
import { joinRequestSchema } from './protocol/schemas.ts';

/** Issue #8, finding 10: the name a planner joins with follows the domain's person-name schema. */
const join = (userName: unknown) =>
  joinRequestSchema.safeParse({ protocol: PROTOCOL_VERSION, token: 't'.repeat(24), clientId: 'c1', userName, lastVersion: 0 });

describe('join name', () => {
  it('refuses control and invisible characters, saying which one', () => {
    for (const [name, found] of [
      ['Ada\u0000', 'U+0000'],
      ['A\u0007da', 'U+0007'],
      ['A\u0085da', 'U+0085'],
      ['\u202eAda', 'U+202E'],
      ['A\u200bda', 'U+200B'],
      ['Ada\nLovelace', 'U+000A'],
    ]) {
      const r = join(name);
      expect(r.success, JSON.stringify(name)).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toBe(`Names cannot contain invisible or control characters (found ${found}).`);
    }
  });

  it('trims and NFC-normalises, and allows a name as long as a guest’s', () => {
    const r = join('  Zoe\u0308  ');
    expect(r.success && r.data.userName).toBe('Zoë');
    expect(join('x'.repeat(200)).success).toBe(true);
    expect(join('x'.repeat(201)).success).toBe(false);
    expect(join('   ').success).toBe(false);
  });
});
