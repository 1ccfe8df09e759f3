import { Hono } from 'hono';
import { z } from 'zod';
import { PlanExistsError } from '@seatfold/store';
import { floorRoutes } from '../floor/routes.ts';
import { planFileRoutes } from '../imports.ts';
import { createPlan, DEMO_PLAN_ID, ensureDemoPlan, linksOf } from '../plans.ts';
import { templateResponse } from '../templates.ts';
import { jsonBody } from './body.ts';
import type { HttpDeps, HttpEnv } from './env.ts';
import { errorAnswer, HttpError, jsonReply } from './errors.ts';
import { healthReply } from './health.ts';
import { redactTokens, requestLog, type RequestLogEntry } from './log.ts';
import { creationLimit, DEFAULT_CREATION_LIMITS, type CreationLimits } from './rate-limit.ts';
import { securityHeaders, wellFormedPath } from './security.ts';
import { StaticFiles } from './static.ts';

export interface HttpOptions extends HttpDeps {
  creationLimits?: CreationLimits;
  /** reverse proxies in front of the server whose X-Forwarded-For is trusted (SEATFOLD_TRUST_PROXY) */
  trustedProxies?: number;
  requestLog?: (entry: RequestLogEntry) => void;
}

const PlanName = z.object({
  name: z.string({ error: 'Give the plan a name of 1 to 200 characters.' }).trim().min(1, 'Give the plan a name of 1 to 200 characters.').max(200, 'Give the plan a name of 1 to 200 characters.'),
}, { error: 'Give the plan a name of 1 to 200 characters.' });

const token = '{[A-Za-z0-9_-]{1,200}}';

/** The JSON API: each route once, with its body schema. `SeatfoldApi` types a hono/client for the web app. */
export function apiRoutes(d: HttpOptions) {
  return new Hono<HttpEnv>()
    .get('/api/health', (c) => {
      const h = healthReply(d.store, d.hub.openPlans);
      return jsonReply(c, h.status, h.body);
    })
    .post('/api/plans', jsonBody(PlanName), creationLimit(d.creationLimits ?? DEFAULT_CREATION_LIMITS, d.trustedProxies ?? 0), async (c) => jsonReply(c, 201, await createPlan(d.store, d.hub, c.req.valid('json').name)))
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
      const found = await d.store.findPlanByToken(c.req.param('token'));
      if (!found) throw new HttpError(404, 'This link does not open any plan.');
      const all = linksOf(found.plan);
      // Organisers may pass on both links; a reviewer only sees the review link.
      return jsonReply(c, 200, { role: found.role, ...all, organisePath: found.role === 'organise' ? all.organisePath : null });
    })
    .get('/api/templates/:file{guest-list\\.xlsx|guest-list\\.csv|table-draw\\.xlsx|table-draw\\.csv}', (c) => templateResponse(c.req.param('file')))
    .route('/', planFileRoutes(d))
    .route('/', floorRoutes(d));
}

export type SeatfoldApi = ReturnType<typeof apiRoutes>;

/** The whole HTTP side: headers, the API, and the built web app (any unknown path without extension gets index.html). */
export function httpApp(d: HttpOptions) {
  const files = d.staticDir ? new StaticFiles(d.staticDir) : null;
  void files?.warm();
  const log = (m: string) => d.log(redactTokens(m));
  const app = new Hono<HttpEnv>();
  if (d.requestLog) app.use(requestLog(d.requestLog));
  app.use(securityHeaders(), wellFormedPath());
  app.route('/', apiRoutes(d));
  app.all('/api/*', (c) => {
    throw new HttpError(404, `No such API: ${c.req.method} ${redactTokens(c.req.path)}`);
  });
  app.on(['GET', 'HEAD'], '*', (c) => {
    if (!files) throw new HttpError(404, 'The web app is not built. Run `pnpm build` (or `npm start`, which builds it).');
    return files.answer(new URL(c.req.url).pathname, c.req.header('accept-encoding') ?? '');
  });
  app.all('*', () => {
    throw new HttpError(405, 'Only GET is served here.');
  });
  app.onError((err, c) => errorAnswer(err, c, log));
  app.notFound((c) => jsonReply(c, 404, { error: 'Not found.' }));
  return app;
}
