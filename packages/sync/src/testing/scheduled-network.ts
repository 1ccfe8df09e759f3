import type { ClientTransport } from '../client-engine.ts';
import { PresenceList } from '../presence-list.ts';
import { FrameReader, type AnyReply, type EventFrame, type PresenceChange, type ReplyOf, type RequestOf, type RequestType } from '../protocol.ts';
import type { Peer, Session, SyncHub } from '../server/hub.ts';

type Handlers = Parameters<ClientTransport['listen']>[0];

/** A request on its way to the server, with the promise the client awaits. */
interface Up {
  type: RequestType;
  payload: unknown;
  gen: number;
  outstanding: Outstanding;
}
interface Outstanding {
  resolve: (reply: unknown) => void;
  reject: (err: Error) => void;
}
/** A message on its way to the client: the connection's handshake, a push, or a request's reply. */
type Down =
  | { kind: 'connected' }
  | { kind: 'events'; frame: EventFrame }
  | { kind: 'presence'; change: PresenceChange }
  | { kind: 'reply'; type: RequestType; reply: AnyReply; outstanding: Outstanding };

/** One queue of one link: which one the schedule delivers from next is the test's (seeded) choice. */
export interface QueueRef {
  link: ScheduledLink;
  direction: 'up' | 'down';
}

/** Thrown at the client for a request whose connection was cut before its reply arrived (socket.io does the same). */
export class LinkCutError extends Error {
  constructor() {
    super('disconnected');
    this.name = 'LinkCutError';
  }
}

/**
 * An in-memory network between SyncClients and one SyncHub where NOTHING moves on its own: every message waits in
 * a per-link, per-direction queue until the test delivers it (`deliver`), so the order of everything the clients
 * and the server see is the test's choice — a seeded fuzz replays exactly. `settle()` waits until the server has
 * handled every delivered request (its replies and pushes are then queued, not delivered).
 *
 * Like socket.io: messages of one direction of one connection arrive in order; cutting a connection loses what is
 * still queued either way and rejects the requests waiting for a reply; a reconnect is a new server session.
 */
export class ScheduledNetwork {
  readonly links: ScheduledLink[] = [];
  /** one line per delivery, for replay checks and failure reports */
  readonly trace: string[] = [];
  private readonly handling = new Set<Promise<unknown>>();

  constructor(readonly hub: SyncHub) {}

  /** A new client connection (not yet connected: call `connect()`, then deliver its 'connected'). */
  link(name: string): ScheduledLink {
    const link = new ScheduledLink(this, name);
    this.links.push(link);
    return link;
  }

  /** The queues holding a message, in a stable order (links by creation, up before down). */
  ready(): QueueRef[] {
    const out: QueueRef[] = [];
    for (const link of this.links) {
      if (link.upQueue.length > 0) out.push({ link, direction: 'up' });
      if (link.downQueue.length > 0) out.push({ link, direction: 'down' });
    }
    return out;
  }

  /** Delivers the oldest message of one queue. A request reaches its server session at once (see settle()). */
  deliver(q: QueueRef): void {
    if (q.direction === 'up') this.deliverUp(q.link);
    else q.link.deliverDown();
  }

  private deliverUp(link: ScheduledLink) {
    const m = link.upQueue.shift();
    const session = link.session;
    if (!m || !session) throw new Error(`${link.name}: nothing to deliver up`);
    this.trace.push(`${link.name} > ${m.type} ${summarise(m.payload)}`);
    const handled = session.handle(m.type, structuredClone(m.payload)).then((reply) => {
      // The connection was cut while the server worked on it: the acknowledgement is lost with it.
      if (link.gen === m.gen) link.downQueue.push({ kind: 'reply', type: m.type, reply: structuredClone(reply), outstanding: m.outstanding });
    });
    this.handling.add(handled);
    void handled.finally(() => this.handling.delete(handled));
  }

  /** Waits until every delivered request is handled and the clients have reacted to what was delivered to them. */
  async settle(): Promise<void> {
    for (;;) {
      // setImmediate runs after every queued microtask: the engines' reactions (which only ever queue) are done.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.handling.size === 0) return;
      await Promise.all([...this.handling]);
    }
  }

  /** @internal */
  record(line: string) {
    this.trace.push(line);
  }
}

/** One client's connection in a ScheduledNetwork: its transport, its two queues, and the cable to pull. */
export class ScheduledLink implements ClientTransport {
  readonly upQueue: Up[] = [];
  readonly downQueue: Down[] = [];
  /** the server session of the current connection; null while cut */
  session: Session | null = null;
  /** bumped by every cut and connect: what belonged to an older connection is lost */
  gen = 0;
  /** the client has seen this connection's handshake */
  private handshaken = false;
  private handlers: Handlers | null = null;
  private readonly outstanding = new Set<Outstanding>();
  private readonly online = new PresenceList();
  /** the connection's reader of pushes (a new connection reads from a new actor list) */
  private frames = new FrameReader();

  constructor(
    private readonly net: ScheduledNetwork,
    readonly name: string,
  ) {}

  /** The client's side of the link, as the engine uses it. */
  get transport(): ClientTransport {
    return this;
  }

  request<K extends RequestType>(type: K, req: RequestOf<K>): Promise<ReplyOf<K>> {
    const send = () => this.send(type, req) as Promise<ReplyOf<K>>;
    // A join's reply carries the online list: the presence changes that overtake it are applied on top.
    return type === 'join' ? this.online.join(send as () => Promise<ReplyOf<'join'>>) : send();
  }

  listen(h: Handlers): () => void {
    this.handlers = h;
    return () => {
      if (this.handlers === h) this.handlers = null;
    };
  }

  /** The client has seen this connection's handshake (and it was not cut since). */
  get isConnected(): boolean {
    return this.handshaken;
  }

  get connected(): boolean {
    return this.session !== null;
  }

  /** A request waits in the up queue; it is refused at once when the connection is cut (the engine never sends then). */
  private send(type: RequestType, payload: unknown): Promise<unknown> {
    if (!this.session) return Promise.reject(new LinkCutError());
    return new Promise((resolve, reject) => {
      const outstanding: Outstanding = { resolve, reject };
      this.outstanding.add(outstanding);
      this.upQueue.push({ type, payload: structuredClone(payload), gen: this.gen, outstanding });
    });
  }

  /** Opens a new connection (a new server session); the client learns of it when its 'connected' is delivered. */
  connect(): void {
    if (this.session) return;
    const gen = ++this.gen;
    const peer: Peer = {
      handshake: { headers: {}, address: '127.0.0.1' },
      send: ((event: 'events' | 'presence' | 'access', payload: EventFrame | PresenceChange) => {
        // the fuzz never changes access
        if (gen !== this.gen || event === 'access') return;
        const copy = structuredClone(payload);
        this.downQueue.push(
          event === 'events' ? { kind: 'events', frame: copy as EventFrame } : { kind: 'presence', change: copy as PresenceChange },
        );
      }) as Peer['send'],
    };
    this.session = this.net.hub.connect(peer);
    this.frames = new FrameReader();
    this.downQueue.push({ kind: 'connected' });
    this.net.record(`${this.name} connect`);
  }

  /** Pulls the cable: both queues are lost, requests waiting for replies fail, the client is told at once. */
  cut(): void {
    if (!this.session) return;
    this.net.record(`${this.name} cut (${this.upQueue.length} up, ${this.downQueue.length} down lost)`);
    this.session.close();
    this.session = null;
    this.gen++;
    this.upQueue.length = 0;
    this.downQueue.length = 0;
    const wasHandshaken = this.handshaken;
    this.handshaken = false;
    if (wasHandshaken) this.handlers?.disconnected();
    for (const o of this.outstanding) o.reject(new LinkCutError());
    this.outstanding.clear();
  }

  /** @internal Delivers the oldest message to the client. */
  deliverDown(): void {
    const m = this.downQueue.shift();
    if (!m) throw new Error(`${this.name}: nothing to deliver down`);
    const h = this.handlers;
    switch (m.kind) {
      case 'connected':
        this.net.record(`${this.name} < connected`);
        this.handshaken = true;
        h?.connected();
        return;
      case 'events': {
        const events = this.frames.read(m.frame);
        if (!events) {
          this.net.record(`${this.name} < events it cannot read`);
          h?.missed();
          return;
        }
        this.net.record(`${this.name} < events ${events[0]?.version}..${events.at(-1)?.version}`);
        h?.events(events);
        return;
      }
      case 'presence':
        this.net.record(`${this.name} < presence +${m.change.joined.length} -${m.change.left.length}`);
        h?.presence(this.online.apply(m.change));
        return;
      case 'reply':
        this.net.record(`${this.name} < ${m.type} reply ${summarise(m.reply)}`);
        this.outstanding.delete(m.outstanding);
        m.outstanding.resolve(m.reply);
        return;
    }
  }
}

/** A short, stable description of a request or reply for the trace. */
function summarise(x: unknown): string {
  if (!x || typeof x !== 'object') return String(x);
  const o = x as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of ['commandId', 'status', 'version', 'lastVersion', 'afterVersion', 'targetBatchId', 'targetCommandId', 'ok', 'preview']) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a log line for whatever the test sent
    if (o[k] !== undefined) parts.push(`${k}=${String(o[k])}`);
  }
  const error = o.error as { code?: string } | undefined;
  if (error?.code) parts.push(`error=${error.code}`);
  const events = o.events as unknown[] | undefined;
  if (Array.isArray(events)) parts.push(`events=${events.length}`);
  return parts.join(' ');
}
