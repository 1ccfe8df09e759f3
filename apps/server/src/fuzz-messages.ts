/**
 * Generators for the protocol fuzz test (protocol-fuzz.int.test.ts): seeded, so a failing seed replays the same
 * messages. Test-only; not used by the app.
 */
import type { Command } from '@seatfold/domain';

export { prng, type Rng } from '@seatfold/domain/testing';
import type { Rng } from '@seatfold/domain/testing';

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'valueOf',
  'toString',
  '__defineGetter__',
  'isPrototypeOf',
] as const;
const NASTY_CHARS = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ud800',
  '\uffff',
  '＝',
  '=',
  '%',
  '%zz',
  '"',
  '\\',
  '\n',
  '\r',
];

export const REQUEST_TYPES = ['join', 'command', 'history', 'batches', 'batch', 'revert', 'undo'] as const;
const UNKNOWN_TYPES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'events',
  'presence',
  'protocol-error',
  'x'.repeat(300),
  '',
  'Join',
  'command ',
  '💥',
];

/** A string meant to hurt: prototype names, control and invisible characters, lone surrogates, long runs. */
export function nastyString(r: Rng): string {
  switch (r.int(6)) {
    case 0:
      return r.pick(PROTO_KEYS);
    case 1:
      return Array.from({ length: 1 + r.int(8) }, () => r.pick(NASTY_CHARS)).join('');
    case 2:
      return `G${r.int(50)}${r.pick(NASTY_CHARS)}`;
    case 3:
      return 'x'.repeat(r.pick([0, 1, 99, 100, 101, 201, 2001, 70_000]));
    case 4:
      return r.pick(['G1', 'T1', 'R1', 'P1', 'plan', '..', '../../etc/passwd', ' ', '\t']);
    default:
      return String.fromCharCode(...Array.from({ length: 1 + r.int(20) }, () => r.int(0x10000)));
  }
}

/** Any JSON-ish value, with prototype keys as OWN properties at every level (built through JSON.parse). */
export function junk(r: Rng, depth = 0): unknown {
  const leaf = depth > 3 || r.chance(0.4);
  if (leaf) {
    switch (r.int(9)) {
      case 0:
        return null;
      case 1:
        return undefined;
      case 2:
        return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), Number.MAX_VALUE, NaN, Infinity]);
      case 3:
        return r.chance(0.5);
      case 4:
        return Buffer.from(Array.from({ length: r.int(64) }, () => r.int(256)));
      default:
        return nastyString(r);
    }
  }
  if (r.chance(0.3)) return Array.from({ length: r.int(5) }, () => junk(r, depth + 1));
  const keys = Array.from({ length: r.int(5) }, () => (r.chance(0.5) ? r.pick(PROTO_KEYS) : nastyString(r).slice(0, 20)));
  const obj: Record<string, unknown> = JSON.parse('{}') as Record<string, unknown>;
  for (const k of keys) Object.defineProperty(obj, k, { value: junk(r, depth + 1), enumerable: true, writable: true, configurable: true });
  return obj;
}

/** Nested arrays this deep (a parser or validator that recurses must not fall over). */
export function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A valid-looking command on the fuzz plan's entities (it may still be refused by the plan's rules). */
export function plausibleCommand(r: Rng, tag: string): Command {
  const g = () => `G${1 + r.int(40)}`;
  const t = () => `T${1 + r.int(10)}`;
  switch (r.int(9)) {
    case 0:
      return { type: 'seatGuest', guestId: g(), tableId: t() };
    case 1:
      return { type: 'moveGuest', guestId: g(), tableId: t() };
    case 2:
      return { type: 'unseatGuest', guestId: g() };
    case 3:
      return { type: 'swapGuests', guestId: g(), otherGuestId: g() };
    case 4:
      return { type: 'addGuest', guestId: `N-${tag}`, name: `New guest ${tag}` };
    case 5:
      return { type: 'editGuest', guestId: g(), changes: { department: `Dept ${r.int(9)}` } };
    case 6:
      return { type: 'lockTable', tableId: t() };
    case 7:
      return { type: 'unlockTable', tableId: t() };
    default:
      return { type: 'renameRoom', roomId: `R${1 + r.int(3)}`, name: `Room ${tag}` };
  }
}

/** A command with one field swapped for something hostile: a prototype id, control characters, a wrong type. */
export function poisonedCommand(r: Rng, tag: string): unknown {
  const c = plausibleCommand(r, tag) as unknown as Record<string, unknown>;
  const fields = Object.keys(c).filter((k) => k !== 'type');
  const field = r.pick(fields.length ? fields : ['type']);
  const copy: Record<string, unknown> = { ...c };
  copy[field] = r.chance(0.6) ? (r.chance(0.5) ? '__proto__' : r.pick(PROTO_KEYS)) : r.chance(0.5) ? nastyString(r) : junk(r, 2);
  if (r.chance(0.1)) copy.type = r.pick([...PROTO_KEYS, 'createPlan', 'removeRoom']);
  return copy;
}

export interface Message {
  type: string;
  payload: unknown[];
  /** send with an acknowledgement callback */
  ack: boolean;
  /** the valid command this message carries, if any */
  commandId?: string;
}

/** One message of the fuzz schedule; `tag` makes its ids unique. */
export function message(r: Rng, tag: string, token: () => string): Message {
  const commandId = `fz-${tag}`;
  const ack = !r.chance(0.08);
  const roll = r.int(100);
  if (roll < 30) return { type: 'command', payload: [{ commandId, command: plausibleCommand(r, tag) }], ack, commandId };
  if (roll < 45) return { type: 'command', payload: [{ commandId, command: poisonedCommand(r, tag) }], ack };
  if (roll < 52) return { type: 'command', payload: [junk(r)], ack };
  if (roll < 58)
    return {
      type: 'join',
      payload: [
        {
          protocol: 1,
          token: r.chance(0.5) ? token() : nastyString(r),
          clientId: nastyString(r),
          userName: nastyString(r),
          lastVersion: r.pick([0, -1, 1e12, 3, NaN]),
        },
      ],
      ack,
    };
  if (roll < 64) return { type: 'history', payload: [{ afterVersion: r.pick([0, -1, 1e15, 2.5]), limit: r.pick([1, 5000, 5001, 0, 1e9]) }], ack };
  if (roll < 68) return { type: 'batches', payload: [r.chance(0.5) ? {} : junk(r)], ack };
  if (roll < 76) {
    const summary = r.pick<unknown>(['hello', junk(r), { counts: { added: 1 } }, null, 'x'.repeat(100_000)]);
    const commands = Array.from({ length: 1 + r.int(4) }, () =>
      r.chance(0.7) ? plausibleCommand(r, `${tag}-${r.int(1e6)}`) : poisonedCommand(r, tag),
    );
    return {
      type: 'batch',
      payload: [
        {
          commandId,
          batchId: r.chance(0.8) ? `b-${tag}` : r.pick(PROTO_KEYS),
          kind: r.pick(['import', 'draw', 'x', '__proto__']),
          label: nastyString(r).slice(0, 300) || 'L',
          commands,
          summary,
        },
      ],
      ack,
    };
  }
  if (roll < 80)
    return {
      type: 'revert',
      payload: [{ commandId, batchId: `rb-${tag}`, targetBatchId: r.chance(0.5) ? r.pick(PROTO_KEYS) : `b-${r.int(1000)}`, preview: r.chance(0.5) }],
      ack,
    };
  if (roll < 84)
    return {
      type: 'undo',
      payload: [{ commandId, targetCommandId: r.chance(0.5) ? r.pick(PROTO_KEYS) : `fz-${r.int(1000)}`, preview: r.chance(0.5) }],
      ack,
    };
  if (roll < 88) return { type: r.pick(UNKNOWN_TYPES), payload: [junk(r)], ack };
  if (roll < 91) return { type: r.pick(REQUEST_TYPES), payload: [deep(200 + r.int(800))], ack };
  if (roll < 94) return { type: r.pick(REQUEST_TYPES), payload: [Buffer.alloc(r.int(200_000), r.int(256))], ack };
  if (roll < 97) return { type: r.pick(REQUEST_TYPES), payload: Array.from({ length: r.int(4) }, () => junk(r)), ack };
  return { type: r.pick(REQUEST_TYPES), payload: [], ack };
}
