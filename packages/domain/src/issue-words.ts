import { z } from 'zod';

/**
 * Seatfold's words for a check that has no message of its own (a protocol field, say): zod's defaults ("Too small:
 * expected number to be >=0") are a library's, and library messages never reach a person. Installed once, for every
 * schema, when the domain's validation is loaded; a schema's own message still wins. The field's name is added by
 * whoever reports the issue (its path).
 */
export function issueWords(issue: {
  code: string;
  expected?: string;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
}): string {
  const n = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? Number(v).toLocaleString('en-US') : String(v));
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing.';
      if (issue.expected === 'int') return 'must be a whole number.';
      return `must be ${KINDS[issue.expected ?? ''] ?? `of type ${issue.expected}`}.`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${n(issue.minimum)} character${issue.minimum === 1 ? '' : 's'} long.`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `must hold at least ${n(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}.`
          : `must be at least ${n(issue.minimum)}.`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${n(issue.maximum)} characters long.`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `must hold at most ${n(issue.maximum)} items.`
          : `must be at most ${n(issue.maximum)}.`;
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `has fields it does not take: ${(issue.keys ?? []).join(', ')}.`;
    case 'invalid_format':
    case 'invalid_union':
    default:
      return 'is not in the form expected.';
  }
}

const KINDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

z.config({ customError: (issue) => issueWords(issue) });
