import { planTimeline, type PlanTimeline } from '../../app/history.ts';
import { useAppSelector } from '../../app/store.ts';

/** Re-renders when the registry grows or its labels change (the registry itself is outside Redux). */
export function useTimeline(): PlanTimeline | null {
  useAppSelector((s) => s.history.loaded);
  useAppSelector((s) => s.history.labels);
  return planTimeline();
}
