import { describe, expect, it } from 'vitest';
import { tableTitle } from './table-title.ts';

describe('tableTitle', () => {
  it('puts "Table" before a number or a plain name, never before a name that says table itself', () => {
    expect(tableTitle('12')).toBe('Table 12');
    expect(tableTitle('VIP 1')).toBe('Table VIP 1');
    expect(tableTitle('Head table')).toBe('Head table');
    expect(tableTitle('Kindertisch')).toBe('Kindertisch');
  });
});
