import { describe, expect, it } from 'vitest';
import * as core from './core.ts';
import * as all from './index.ts';
import * as validation from './validation.ts';

// That core.ts loads no zod is checked where it matters, on the web's first bundle: apps/web/src/first-bundle.unit.test.ts.
describe('the domain’s entries', () => {
  it('index.ts is core.ts and validation.ts, nothing more and nothing less', () => {
    expect(Object.keys(all).sort()).toEqual([...new Set([...Object.keys(core), ...Object.keys(validation)])].sort());
  });

  it('core.ts holds none of the checks', () => {
    for (const name of ['commandSchema', 'parseCommand', 'idSchema', 'checkGuestText', 'personNameSchema', 'coordinateSchema', 'planGuestImport'])
      expect(Object.keys(core)).not.toContain(name);
  });
});
