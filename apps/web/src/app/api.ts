import { answer, api, planApi, TOKEN, tokenParam, type Ok } from './http.ts';

const demo = () => api.api.demo.$get();
export type CreatedPlan = Ok<Awaited<ReturnType<typeof demo>>>;

export const fetchDemo = () => answer(demo);
/** The creator becomes the plan's owner (the answer sets this browser's session cookie). */
export const createPlan = (name: string, yourName: string) => answer(() => api.api.plans.$post({ json: { name, yourName } }));
export const fetchLinks = (token: string) => answer(() => api.api.links[TOKEN].$get({ param: tokenParam(token) }));
export type PlanLinks = Awaited<ReturnType<typeof fetchLinks>>;

/** A room's background image: the bytes are the body (the route types them by their magic number, so no schema). */
export const uploadImage = (token: string, file: File) =>
  answer(() =>
    planApi().images.$post(
      { param: tokenParam(token) },
      { init: { body: file, headers: { 'content-type': file.type || 'application/octet-stream' } } },
    ),
  );
