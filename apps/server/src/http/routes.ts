import { DEFAULT_DOWNLOAD_RATE, Downloads } from '../export-files.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { personNameSchema, textSchema } from '@seatfold/domain';
import { PlanExistsError } from '@seatfold/store';
import { floorRoutes } from '../floor/routes.ts';
import { planFileRoutes, type UploadRate } from '../imports.ts';
import { isRefusal } from '../auth/access.ts';
import { sessionSecret, setSessionCookie } from '../auth/cookies.ts';
import { authRoutes, type AuthRouteDeps } from '../auth/routes.ts';
import { createOwnedPlan, DEMO_PLAN_ID, ensureDemoPlan, linksOf } from '../plans.ts';
import { templateResponse } from '../templates.ts';
import { jsonBody } from './body.ts';
import type { HttpDeps, HttpEnv } from './env.ts';
import { errorAnswer, HttpError, jsonReply } from './errors.ts';
import { healthReply } from './health.ts';
import { planStateReader } from './plan-state.ts';
import { redactTokens, requestLog, type RequestLogEntry } from './log.ts';
import { DEFAULT_REFUSAL_LIMITS, paceRefusals, RefusalPacer } from './refusal-pace.ts';
import { creationLimit, DEFAULT_CREATION_LIMITS, type CreationLimits } from './rate-limit.ts';
import { securityHeaders, wellFormedPath } from './security.ts';
import { StaticFiles } from './static.ts';
import { planPageToken, type ServerFrames } from './server-frame.ts';
import { requestAddress } from './address.ts';
import { sameOriginWrites } from '../auth/csrf.ts';

export interface HttpOptions
  extends
    HttpDeps,
    Partial<
      Pick<
        AuthRouteDeps,
        'mailer' | 'publicUrl' | 'attemptsPerMinute' | 'guestSessionsPerMinute' | 'renamesPerMinute' | 'mailsPerSender' | 'mailsPerRecipient'
      >
    > {
  reAdmit: AuthRouteDeps['reAdmit'];
  sessionsEnded: AuthRouteDeps['sessionsEnded'];
  /** origins other than the request's own whose pages may write (SEATFOLD_ORIGINS) */
  origins?: readonly string[];
  creationLimits?: CreationLimits;
  /** spreadsheets one address may upload (imports.ts) */
  uploadRate?: UploadRate;
  /** downloads (exports and prints) one address may make: a burst, then so many a second (DEFAULT_DOWNLOAD_RATE) */
  downloadRate?: UploadRate;
  requestLog?: (entry: RequestLogEntry) => void;
  /** plan links' pages with the plan drawn in at the server (server-frame.ts); null: the plain page */
  frames?: ServerFrames | null;
  /** holds the requests of addresses that keep coming back refused (refusal-pace.ts); shared with the sockets */
  refusals?: RefusalPacer;
}

const PlanName = z.object(
  {
    /** the rules a rename holds it to (renamePlan): no control or invisible characters, no half an emoji */
    name: textSchema({ label: 'Plan names', max: 200, required: true }),
    /** the owner's display name, when this browser has no session yet */
    yourName: personNameSchema.optional(),
  },
  { error: 'Give the plan a name of 1 to 200 characters.' },
);

const token = '{[A-Za-z0-9_-]{1,200}}';

/** The JSON API: each route once, with its body schema. `SeatfoldApi` types a hono/client for the web app. */
export function apiRoutes(d: HttpOptions) {
  // exports and prints, one rate per address
  const downloads = new Downloads(d.downloadRate ?? DEFAULT_DOWNLOAD_RATE, d.trustedProxies ?? 0);
  return new Hono<HttpEnv>()
    .get('/api/health', (c) => {
      const h = healthReply(d.store, d.hub.openPlans);
      return jsonReply(c, h.status, h.body);
    })
    .post('/api/plans', jsonBody(PlanName), creationLimit(d.creationLimits ?? DEFAULT_CREATION_LIMITS, d.trustedProxies ?? 0), async (c) => {
      // The creator becomes the owner: this browser's person, or a new one with a session cookie.
      const body = c.req.valid('json');
      let person = await d.gate.person(c.env.incoming.headers);
      if (!person) {
        person = await d.gate.auth.createPerson(body.yourName ?? 'Owner', { guest: false });
        setSessionCookie(c, await d.gate.auth.createSession(person.id), d.trustedProxies ?? 0);
      } else if (person.guest || (body.yourName && body.yourName !== person.name)) {
        const taken = body.yourName && !person.guest ? await d.gate.memberNameRefusal(person.id, body.yourName) : null;
        if (taken) throw new HttpError(409, taken);
        await d.gate.auth.updatePerson(person.id, { guest: false, ...(body.yourName ? { name: body.yourName } : {}) });
        if (person.guest) {
          // A guest's session becomes an owner's: renewed, as a claim renews it (auth/routes.ts), so a planted one does not.
          const planted = sessionSecret(c.env.incoming.headers);
          setSessionCookie(c, await d.gate.auth.createSession(person.id), d.trustedProxies ?? 0);
          if (planted) await d.gate.auth.endSession(planted);
        }
      }
      return jsonReply(c, 201, await createOwnedPlan(d.store, d.hub, d.gate.auth, body.name, person));
    })
    .get('/api/demo', async (c) => {
      if (!d.demo) throw new HttpError(404, 'The demo plan is switched off on this server (SEATFOLD_DEMO=0).');
      try {
        return jsonReply(c, 200, await ensureDemoPlan(d.store, d.hub));
      } catch (err) {
        // Two first visitors at once: the second finds the plan the first created.
        if (!(err instanceof PlanExistsError)) throw err;
        return jsonReply(c, 200, linksOf((await d.store.getPlan(DEMO_PLAN_ID))!));
      }
    })
    .get(`/api/links/:token${token}`, async (c) => {
      const a = await d.gate.access(c.req.param('token'), c.env.incoming.headers);
      if (isRefusal(a)) throw new HttpError(a.status, a.message);
      const all = linksOf(a.plan);
      const open = await d.gate.auth.openLinks(a.plan.id);
      // Organisers may pass on both links; a reviewer only sees the review link. `member` shows the owner's Members panel.
      return jsonReply(c, 200, {
        role: a.role,
        ...all,
        organisePath: a.role === 'organise' ? all.organisePath : null,
        member: a.member,
        openLinks: open,
        you: { id: a.person.id, name: a.person.name, member: !a.person.guest },
      });
    })
    .get('/api/templates/:file{guest-list\\.xlsx|guest-list\\.csv|table-draw\\.xlsx|table-draw\\.csv}', (c) => templateResponse(c.req.param('file')))
    .route('/', planFileRoutes({ ...d, downloads }))
    .route('/', floorRoutes({ ...d, downloads }))
    .route(
      '/',
      authRoutes({
        ...d,
        trustedProxies: d.trustedProxies ?? 0,
        mailer: d.mailer ?? null,
        publicUrl: d.publicUrl ?? null,
        planState: planStateReader(d),
        storedBy: (address) => d.hub.storedBy(address),
      }),
    );
}

export type SeatfoldApi = ReturnType<typeof apiRoutes>;

/** The whole HTTP side: headers, the API, and the built web app (any unknown path without extension gets index.html). */
export function httpApp(d: HttpOptions) {
  const files = d.staticDir ? new StaticFiles(d.staticDir) : null;
  const log = (m: string) => d.log(redactTokens(m));
  const app = new Hono<HttpEnv>();
  if (d.requestLog) app.use(requestLog(d.requestLog));
  app.use(paceRefusals(d.refusals ?? new RefusalPacer(DEFAULT_REFUSAL_LIMITS), d.trustedProxies ?? 0));
  app.use(securityHeaders(), wellFormedPath(), sameOriginWrites(d.origins ?? []));
  app.route('/', apiRoutes(d));
  app.all('/api/*', (c) => {
    throw new HttpError(404, `No such API: ${c.req.method} ${redactTokens(c.req.path)}`);
  });
  app.on(['GET', 'HEAD'], '*', async (c) => {
    if (!files) throw new HttpError(404, 'The web app is not built. Run `pnpm build` (or `npm start`, which builds it).');
    const pathname = new URL(c.req.url).pathname;
    const acceptEncoding = c.req.header('accept-encoding') ?? '';
    const token = d.frames && c.req.method === 'GET' ? planPageToken(pathname) : null;
    if (token) {
      const incoming = c.env.incoming;
      const address = requestAddress(incoming, d.trustedProxies ?? 0);
      const page = await d.frames!.page(token, incoming.headers, address);
      if (page) return page.answer(acceptEncoding);
    }
    return files.answer(pathname, acceptEncoding);
  });
  app.all('*', () => {
    throw new HttpError(405, 'Only GET is served here.');
  });
  app.onError((err, c) => errorAnswer(err, c, log));
  app.notFound((c) => jsonReply(c, 404, { error: 'Not found.' }));
  return app;
}
