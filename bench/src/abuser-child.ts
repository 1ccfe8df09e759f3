/**
 * One abusive client (abuses.ts) in a process of its own, forked by the noisy-neighbour scenario: the honest clients
 * it is measured against keep the bench process's event loop to themselves, so their acks time the server, not the
 * abuser's work (the presence churn's connects and closes had put the bench's own loop delay at a p99 of 19 ms).
 *
 * It runs at the lowest CPU priority: in production the abuser's own work is on its machine, not the server's. Here
 * it shares two cores with the server, PostgreSQL and the honest clients, and its own CPU (up to half a core under
 * the joins abuse) was timed into the honest acks. It still sends what the server lets through: the same number of
 * requests within 10 % either way (joins abuse, three pairs of runs).
 *
 *   argv: <abuse id> <target JSON> <address>   IPC: sends {started} once prepared and running, answers {stop} with {count}
 */
import { setPriority } from 'node:os';
import { abuses, type Target } from './abuses.ts';

setPriority(19);

const [id, targetJson, address] = process.argv.slice(2);
const abuse = abuses.find((a) => a.id === id);
if (!abuse) throw new Error(`no abuse ${id}`);
let stop = false;
const target = JSON.parse(targetJson!) as Target;
// What the abuse needs is built before it says it has started: the phase measured begins then.
const prepared = await abuse.prepare?.(target, address!);
const running = abuse
  .run(target, () => stop, address!, prepared)
  .catch((err: unknown) => {
    process.send!({ error: err instanceof Error ? err.message : String(err) });
    return -1;
  });
process.on('message', (m: { stop?: boolean }) => {
  if (!m.stop) return;
  stop = true;
  void running.then((count) => process.send!({ count }, () => process.exit(0)));
});
process.send!({ started: true });
