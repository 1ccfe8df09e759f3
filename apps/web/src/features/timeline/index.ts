/** The plan's history UI: header buttons, the always-mounted layer and the "in the past" bar. The panel
 *  (TimelinePanel.tsx) is loaded when first opened (ui/lazy.tsx). */
import './timeline.css';

export { HistoryControls } from './HistoryControls.tsx';
export { HistoryLayer } from './HistoryLayer.tsx';
export { PastBar } from './PastBar.tsx';
