import { CommandHandler, isExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { decide, evolve, initialState, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import { laneCommand, type Lane } from './workload.ts';

/**
 * Emmett used the way its docs intend: one appendToStream per command with expectedStreamVersion, and on
 * isExpectedVersionConflictError up to 3 retries with the backoff of its CommandHandler (100 ms, ×1.5).
 *
 * Generous to Emmett: each writer keeps its state in memory and, after a conflict, reads only the events it
 * missed (Emmett's CommandHandler re-aggregates the whole stream on every attempt).
 */
export const RETRY = { retries: 3, minTimeoutMs: 100, factor: 1.5 } as const;

/** Emmett's event shape: the type, and the Seatfold event as its data (a plain JSON record). */
type EmmettEvent = { type: string; data: Record<string, unknown> };
const toEmmett = (e: PlanEvent): EmmettEvent => ({ type: e.type, data: e });

export function openEmmett(connectionString: string): PostgresEventStore {
  return getPostgreSQLEventStore(connectionString);
}

/** Writes the setup events of a plan in one append (also runs Emmett's schema migration on first use). */
export async function seedEmmettStream(store: PostgresEventStore, stream: string, events: PlanEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await store.appendToStream(stream, events.slice(i, i + 1000).map(toEmmett), {
      expectedStreamVersion: i === 0 ? STREAM_DOES_NOT_EXIST : BigInt(i),
    });
  }
}

export class EmmettWriter {
  committed = 0;
  failed = 0;
  conflicts = 0;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly stream: string,
    private readonly state: PlanState,
    private readonly lane: Lane,
  ) {}

  /** One command: decide on the cached state, append, retry on conflicts. Resolves once committed or given up. */
  async run(): Promise<boolean> {
    for (let attempt = 0; attempt <= RETRY.retries; attempt++) {
      if (attempt > 0) {
        await sleep(RETRY.minTimeoutMs * RETRY.factor ** (attempt - 1));
        await this.catchUp();
      }
      const events = this.decide(laneCommand(this.lane));
      try {
        await this.store.appendToStream(this.stream, events.map(toEmmett), { expectedStreamVersion: BigInt(this.state.version) });
      } catch (err) {
        if (!isExpectedVersionConflictError(err)) throw err;
        this.conflicts++;
        continue;
      }
      for (const e of events) evolve(this.state, e);
      this.lane.step++;
      this.committed++;
      return true;
    }
    this.failed++;
    return false;
  }

  private decide(command: Command): PlanEvent[] {
    const d = decide(this.state, command);
    if (!d.ok) throw new Error(`emmett writer: ${command.type} refused: ${d.error.message}`);
    return d.events;
  }

  private async catchUp() {
    const { events } = await this.store.readStream<EmmettEvent>(this.stream, { from: BigInt(this.state.version + 1) });
    for (const e of events) evolve(this.state, e.data as unknown as PlanEvent);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Emmett's own CommandHandler (its documented way to handle a command): aggregateStream (reads and folds the whole
 * stream), decide, appendToStream with the version read, retries on conflicts. Shown for information: the cost
 * of re-reading the stream grows with the plan.
 */
const handle = CommandHandler<PlanState, EmmettEvent>({
  evolve: (state, e) => {
    evolve(state, e.data as unknown as PlanEvent);
    return state;
  },
  initialState,
  retry: { onVersionConflict: true },
});

export async function runWithCommandHandler(store: PostgresEventStore, stream: string, lane: Lane): Promise<boolean> {
  const command = laneCommand(lane);
  await handle(store, stream, (state) => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`emmett CommandHandler: ${command.type} refused: ${d.error.message}`);
    return d.events.map(toEmmett);
  });
  lane.step++;
  return true;
}
