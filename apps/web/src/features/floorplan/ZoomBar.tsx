import type { ZoomApi } from './useZoom.ts';

/** Zoom in, out and fit the room (the wheel, a drag on the empty floor and pinching do the same). */
export function ZoomBar({ zoom }: { zoom: ZoomApi }) {
  return (
    <div className="floor-zoombar" role="toolbar" aria-label="Zoom">
      <button type="button" className="icon-button" data-testid="zoom-in" aria-label="Zoom in" title="Zoom in" onClick={() => zoom.zoomBy(1.5)}>
        +
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="zoom-out"
        aria-label="Zoom out"
        title="Zoom out"
        onClick={() => zoom.zoomBy(1 / 1.5)}
      >
        −
      </button>
      <button type="button" className="button button--small" data-testid="zoom-fit" onClick={() => zoom.fit()}>
        Fit room
      </button>
    </div>
  );
}
