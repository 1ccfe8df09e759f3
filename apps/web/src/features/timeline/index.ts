/** The plan's history UI: header buttons, the always-mounted layer, the "in the past" bar and the panel. */
import './timeline.css';

export { HistoryControls } from './HistoryControls.tsx';
export { HistoryLayer } from './HistoryLayer.tsx';
export { PastBar } from './PastBar.tsx';
export { TimelinePanel } from './TimelinePanel.tsx';
