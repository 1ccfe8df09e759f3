import { useState } from 'react';
import { AutoseatPanel } from '../../ui/lazy.tsx';

/** Opens automatic seating; the panel and the solver's page-side code are fetched on first use. */
export function AutoseatButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small" data-testid="open-autoseat" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Seat automatically
      </button>
      {open && <AutoseatPanel onClose={() => setOpen(false)} />}
    </>
  );
}
