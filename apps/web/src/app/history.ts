/*
 * Time travel, audit trail and per-user undo for the open plan, one concept per file in history/: the Redux view
 * state (slice.ts), the registry holding the plan's whole history outside Redux (registry.ts), the listeners and
 * page loaders that feed it (feed.ts), and what the board shows from it (selectors.ts).
 */
export { historyActions, historyReducer, initialHistoryView, type HistoryViewState } from './history/slice.ts';
export { planTimeline, undoCounts, PlanTimeline } from './history/registry.ts';
export { historyListeners, loadHistory, type HistoryApi } from './history/feed.ts';
export {
  entityName,
  hasEntityHistory,
  selectDiff,
  selectDisplayed,
  selectInPast,
  selectUndoWords,
  selectViewing,
  type DiffView,
} from './history/selectors.ts';
