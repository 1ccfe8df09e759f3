/// <reference lib="webworker" />
import type { SolveReply, SolveRequest } from './protocol.ts';
import { runRequest } from './run.ts';

/**
 * Runs the solver off the main thread. solve() is synchronous, so this worker cannot hear a stop message while it
 * searches: it posts the best plan so far as it improves ("best"), then the final one ("done"), each with its
 * preview scores; the page stops a run by terminating the worker and keeps the last best plan it received.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<SolveRequest>) => runRequest(event.data, (reply: SolveReply) => scope.postMessage(reply));
