import { createPlan, type PlanLinks } from '@seatfold/server';
import type { EventStore } from '@seatfold/store';
import { SyncHub } from '@seatfold/sync/server';
import { EVOLVE_VERSION, type Command } from '@seatfold/domain';

/**
 * Creates a plan through Seatfold's own path (createPlan → PlanRoom group commits → snapshots by the room's
 * policy) in this process, then lets go of it: whoever loads it later starts cold.
 *
 * `tail` commands are submitted after the setup batch as one group smaller than the snapshot interval, so the
 * latest snapshot lies `tail` events behind the head — as in live use, where a load folds up to ~1,000 events.
 */
export async function seedPlan(
  store: EventStore,
  name: string,
  commands: Command[],
  tail = 0,
): Promise<PlanLinks & { version: number; snapshotVersion: number | null }> {
  const hub = new SyncHub({ store, log: (m) => console.error(`[seed] ${m}`) });
  const head = commands.slice(0, commands.length - tail);
  const rest = commands.slice(commands.length - tail);
  const links = await createPlan(store, hub, name, { commands: head });
  const room = await hub.room(links.planId);
  const replies = await Promise.all(
    rest.map((command, i) =>
      room.submit({ commandId: `${links.planId}-tail-${i}`, command, batchId: null, actor: { id: 'bench', name: 'bench' }, resent: false }),
    ),
  );
  const refused = replies.find((r) => r.status !== 'accepted');
  if (refused) throw new Error(`seeding ${name}: a tail command was refused: ${JSON.stringify(refused)}`);
  const version = room.version;
  // The room saves snapshots without waiting for them: wait until the one covering the setup batch is stored.
  let snapshotVersion: number | null = null;
  for (let i = 0; i < 100; i++) {
    snapshotVersion = (await store.loadSnapshot(links.planId, EVOLVE_VERSION))?.version ?? null;
    if (snapshotVersion !== null && snapshotVersion >= head.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ...links, version, snapshotVersion };
}
