import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CommandRecord, PlanRecord } from './types.ts';

// Fixtures of the store contract suite (contract.ts, contract-records.ts) and of the store's own tests.

/** A test event: the store only requires `type` and `v`. */
export interface TestEvent {
  type: string;
  v: number;
  n?: number;
  payload?: unknown;
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function newPlan(): PlanRecord {
  const id = uniqueId('plan');
  return { id, name: `Plan ${id}`, organiseToken: uniqueId('org'), reviewToken: uniqueId('rev'), createdAt: 1_700_000_000_123 };
}

export function command(events: TestEvent[], extra: Partial<CommandRecord<TestEvent>> = {}): CommandRecord<TestEvent> {
  return { commandId: uniqueId('cmd'), actor: 'alice', actorId: 'id-alice', batchId: null, at: 1_700_000_001_456, events, ...extra };
}

export function events(count: number, type = 'GuestAdded'): TestEvent[] {
  return Array.from({ length: count }, (_, n) => ({ type, v: 1, n }));
}

export async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as T;
}
