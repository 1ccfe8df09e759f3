/**
 * Join churn against a running server (not a scenario): sockets of many client addresses re-join the demo plan's
 * review link as fast as they are let, each waiting as told when refused; optional observers sit in the demo and count
 * the presence traffic they get; an honest organiser of a plan of its own adds a table every 50 ms, and its ack times
 * are what the churn costs other plans. The server must trust one proxy (SEATFOLD_TRUST_PROXY=1) so that each client
 * address is its own (X-Forwarded-For), and serve the demo:
 *
 *   PORT=5301 SEATFOLD_TRUST_PROXY=1 SEATFOLD_DATA_DIR=$(mktemp -d) node apps/server/dist/main.mjs
 *   node --import tsx src/join-churn.ts <port> [seconds=15] [addresses=20] [socketsPerAddress=5] [observers=0]
 */
import { PROTOCOL_VERSION, type CommandReply, type JoinReply } from '@seatfold/sync';
import { connect } from './clients.ts';

const [portArg, secArg, addrArg, perArg] = process.argv.slice(2);
const port = Number(portArg);
const seconds = Number(secArg ?? 15);
const addresses = Number(addrArg ?? 20);
const per = Number(perArg ?? 5);
const base = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const demo = (await (await fetch(`${base}/api/demo`)).json()) as { reviewPath: string };
const review = demo.reviewPath.slice(3);
// the honest plan, from its own address
const honestAddr = '198.51.100.7';
const created = await fetch(`${base}/api/plans`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-forwarded-for': honestAddr },
  body: JSON.stringify({ name: 'Honest', yourName: 'Hon' }),
});
const cookie = created.headers
  .getSetCookie()
  .find((c) => c.startsWith('seatfold_session='))!
  .split(';')[0]!;
const plan = (await created.json()) as { organisePath: string };
const honest = await connect(port, honestAddr, cookie);
const hj = (await honest.emitWithAck('join', {
  protocol: PROTOCOL_VERSION,
  token: plan.organisePath.slice(3),
  clientId: 'honest',
  userName: 'Hon',
  lastVersion: 0,
})) as JoinReply;
if (!hj.ok) throw new Error(JSON.stringify(hj));

const observersN = Number(process.argv[6] ?? 0);
const observers = await Promise.all(
  Array.from({ length: observersN }, async (_, k) => {
    const o = await connect(port, `192.0.2.${10 + Math.floor(k / 30)}`);
    let bytes = 0;
    o.onAny((_ev, payload) => (bytes += JSON.stringify(payload ?? null).length));
    await o.emitWithAck('join', { protocol: PROTOCOL_VERSION, token: review, clientId: `o-${k}`, userName: `Observer ${k}`, lastVersion: 0 });
    return { o, bytes: () => bytes };
  }),
);
let stop = false;
let joins = 0,
  refused = 0,
  failed = 0;
const lanes: Promise<void>[] = [];
for (let a = 0; a < addresses; a++) {
  const addr = `203.0.113.${a + 10}`;
  for (let s = 0; s < per; s++) {
    lanes.push(
      (async () => {
        const sock = await connect(port, addr);
        let n = 0;
        let version = 0;
        while (!stop) {
          const r = await (
            sock.timeout(5000).emitWithAck('join', {
              protocol: PROTOCOL_VERSION,
              token: review,
              clientId: `c-${a}-${s}`,
              userName: `Churn ${a}-${s}-${n++ % 3}`,
              lastVersion: version,
            }) as Promise<JoinReply>
          ).catch(() => null);
          if (!r) failed++;
          else if (r.ok) {
            joins++;
            version = r.version;
          } else {
            refused++;
            await sleep(Math.min(r.error.retryAfterMs ?? 100, 2000));
          }
        }
        sock.close();
      })(),
    );
  }
}
await sleep(1000);
const acks: number[] = [];
const t0 = performance.now();
let i = 0;
const j0 = joins;
while (performance.now() - t0 < seconds * 1000) {
  const t = performance.now();
  const r = (await honest
    .timeout(30_000)
    .emitWithAck('command', { commandId: `h-${i}`, command: { type: 'addTable', tableId: `t${i}`, name: `T${i}`, capacity: 8 } })) as CommandReply;
  i++;
  acks.push(performance.now() - t);
  if (r.status !== 'accepted') console.log('honest not accepted', JSON.stringify(r));
  await sleep(50);
}
const jps = (joins - j0) / ((performance.now() - t0) / 1000);
stop = true;
await Promise.all(lanes);
acks.sort((x, y) => x - y);
const q = (p: number) => acks[Math.min(acks.length - 1, Math.floor(p * acks.length))]!.toFixed(1);
console.log(
  JSON.stringify({
    joinsPerSecond: Math.round(jps),
    refused,
    failed,
    honest: acks.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: acks[acks.length - 1]!.toFixed(1),
  }),
);
honest.close();
if (observers.length)
  console.log('observer kB/s', (observers.reduce((a, x) => a + x.bytes(), 0) / observers.length / 1024 / (seconds + 1)).toFixed(1));
process.exit(0);
