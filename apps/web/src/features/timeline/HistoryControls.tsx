import { historyActions, selectUndoWords } from '../../app/history.ts';
import { redoMine, undoMine } from '../../app/historyUndo.ts';
import { selectIsOrganiser, selectWithdrawn } from '../../app/selectors.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store.ts';
import { SteadyButton } from '../../ui/SteadyButton.tsx';
import { HIcon } from './icons.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/** Undo / Redo (organisers) and the History toggle, for the app header. */
export function HistoryControls() {
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const organiser = useAppSelector(selectIsOrganiser);
  const loaded = useAppSelector((s) => s.plan.planId !== null);
  const open = useAppSelector((s) => s.history.open);
  const withdrawn = useAppSelector(selectWithdrawn);
  // In the past the board is read only: undo and redo act on the live plan, so they wait until the planner is back.
  const inPast = useAppSelector((s) => s.history.viewing !== null);
  const { undo, redo, busy } = useAppSelector((s) => s.history.undo);
  // Each says what it would take back or bring back, once this page saw the change made or read it in the history
  // (until then plainly).
  const words = useAppSelector(selectUndoWords);
  // A change of mine not confirmed yet is the newest: undo takes it back once it is (historyUndo.ts), so the button
  // is on and does not name the change before it meanwhile.
  const onItsWay = useAppSelector((s) => s.plan.pending.length > 0);
  if (!loaded || withdrawn) return null;
  const undoText = words.undo && !onItsWay ? `Undo: ${words.undo} (${mod}Z)` : `Undo my last change (${mod}Z)`;
  const redoText = words.redo ? `Redo: ${words.redo} (${mod}Shift+Z)` : `Redo (${mod}Shift+Z)`;
  // Steady buttons (focus stays): every undo turns both off for a moment (busy), the last one for good.
  return (
    <div className="history-controls">
      {organiser && (
        <>
          <SteadyButton
            className="icon-button history-controls__undo"
            data-testid="undo-button"
            off={(undo === 0 && !onItsWay) || busy || inPast}
            aria-label={undoText}
            title={inPast ? 'Back to now to undo' : undo || onItsWay ? undoText : 'Nothing of yours to undo'}
            onClick={() => void undoMine(store)}
          >
            <HIcon name="undo" />
          </SteadyButton>
          <SteadyButton
            className="icon-button"
            data-testid="redo-button"
            off={redo === 0 || busy || inPast}
            aria-label={redoText}
            title={inPast ? 'Back to now to redo' : redo ? redoText : 'Nothing to redo'}
            onClick={() => void redoMine(store)}
          >
            <HIcon name="redo" />
          </SteadyButton>
        </>
      )}
      <button
        type="button"
        className="button button--small"
        data-testid="history-toggle"
        aria-pressed={open}
        aria-controls={open ? 'timeline-panel' : undefined}
        onClick={() => dispatch(historyActions.setOpen(!open))}
      >
        <HIcon name="clock" size={14} /> History
      </button>
    </div>
  );
}
