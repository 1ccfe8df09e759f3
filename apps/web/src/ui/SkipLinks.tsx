import { useEffect, useRef, type MouseEvent } from 'react';
import { historyActions } from '../app/history.ts';
import { useAppDispatch, useAppSelector } from '../app/store.ts';

/** Focuses the first element matching `selector` once it exists (a panel may render a frame later, or arrive in a
 *  chunk of its own: up to ~3 s of frames). */
function focusWhenThere(selector: string, tries = 180) {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) {
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  } else if (tries > 0) requestAnimationFrame(() => focusWhenThere(selector, tries - 1));
}

/** "Skip to …" links, the first stops in the Tab order: hidden until focused. */
export function SkipLinks() {
  const dispatch = useAppDispatch();
  const historyOpen = useAppSelector((s) => s.history.open);
  const go = (selector: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    focusWhenThere(selector);
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#board-panel" className="skip-link" onClick={go('#board-panel')}>
        Skip to board
      </a>
      <a href="#guest-search" className="skip-link" onClick={go('[data-testid="guest-search"]')}>
        Skip to guest list
      </a>
      {/* a button, not a link: the panel it leads to may first have to open */}
      <button
        type="button"
        className="skip-link"
        onClick={() => {
          if (!historyOpen) dispatch(historyActions.setOpen(true));
          else focusWhenThere('#timeline-panel');
        }}
      >
        Skip to history
      </button>
    </nav>
  );
}

/** Opening the History panel moves focus into it; closing it puts focus back on the History button. */
export function usePanelFocus() {
  const open = useAppSelector((s) => s.history.open);
  const was = useRef(open);
  useEffect(() => {
    if (was.current === open) return;
    was.current = open;
    if (open) focusWhenThere('#timeline-panel');
    else {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) focusWhenThere('[data-testid="history-toggle"]');
    }
  }, [open]);
}
