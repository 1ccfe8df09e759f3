import { useAppSelector } from '../../app/store.ts';
import { selectView } from '../../app/selectors.ts';
import { selectInPast } from '../../app/history.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useOpenSetup } from './context.ts';

/** The board's setup controls for organisers: add tables, the venue, add guests. */
export function SetupToolbar() {
  const open = useOpenSetup();
  return (
    <div className="setup-toolbar" role="group" aria-label="Set up the plan">
      <button type="button" className="button button--small" data-testid="open-add-tables" onClick={() => open({ kind: 'tables' })}>
        <Icon name="table" size={14} /> Add tables
      </button>
      <button type="button" className="button button--small" data-testid="open-venue" onClick={() => open({ kind: 'venue' })}>
        <Icon name="room" size={14} /> Rooms &amp; physical tables
      </button>
    </div>
  );
}

/** The "Add guest" button of the guest panel. */
export function AddGuestButton() {
  const open = useOpenSetup();
  return (
    <button type="button" className="button button--small button--primary" data-testid="open-add-guest" onClick={() => open({ kind: 'guest' })}>
      Add guest
    </button>
  );
}

/** What a new plan's empty board says: the steps to set up an event, each with its control. */
export function SetupStart({ organiser, what }: { organiser: boolean; what: 'tables' | 'rooms' }) {
  const open = useOpenSetup();
  const counts = useAppSelector((s) => {
    const v = selectView(s);
    return {
      rooms: Object.keys(v.rooms).length,
      physical: Object.keys(v.physicalTables).length,
      tables: Object.keys(v.tables).length,
      guests: Object.keys(v.guests).length,
    };
  });
  const inPast = useAppSelector(selectInPast);
  if (inPast) {
    // The timeline shows a moment before any was added: not a plan still being set up.
    return (
      <div className="empty-board" data-testid="empty-board">
        <h2>{what === 'tables' ? 'No tables at this moment' : 'No rooms at this moment'}</h2>
        <p>The plan had no {what} yet at the point the timeline shows. Move the timeline on, or go back to now, to see them.</p>
      </div>
    );
  }
  if (!organiser) {
    return (
      <div className="empty-board" data-testid="empty-board">
        <h2>{what === 'tables' ? 'No tables yet' : 'No rooms yet'}</h2>
        <p>An organiser is still setting up this plan. What they add appears here at once.</p>
      </div>
    );
  }
  const steps = [
    {
      done: counts.tables > 0,
      title: 'Add the tables guests sit at',
      text: 'One at a time, or a numbered range such as 1–40 with 10 seats each.',
      action: 'Add tables',
      kind: 'tables' as const,
      testId: 'start-add-tables',
    },
    {
      done: counts.guests > 0,
      title: 'Add your guests',
      text: 'Type them in one by one, or import a guest list in “Export, import & batches”.',
      action: 'Add a guest',
      kind: 'guest' as const,
      testId: 'start-add-guest',
    },
    {
      done: counts.physical > 0,
      title: 'Optional: describe the venue',
      text: 'Rooms and the physical tables standing in them (the furniture), to place the tables guests sit at on a floor.',
      action: 'Set up rooms',
      kind: 'venue' as const,
      testId: 'start-venue',
    },
  ];
  const order = what === 'rooms' ? [steps[2], steps[0], steps[1]] : steps;
  return (
    <div className="empty-board setup-start" data-testid="empty-board">
      <h2>{what === 'tables' ? 'Set up your event' : 'No rooms yet'}</h2>
      <p>
        {what === 'tables'
          ? 'This plan is empty. Start here — everything you add is saved and shown to the other organisers at once.'
          : 'Add rooms and the physical tables standing in them (the furniture), then drag the tables guests sit at onto them.'}
      </p>
      <ol className="setup-steps">
        {order.map((s) => (
          <li key={s!.kind} data-done={s!.done || undefined}>
            <div>
              <strong>{s!.title}</strong>
              <span className="muted">{s!.text}</span>
            </div>
            <button type="button" className="button button--small" data-testid={s!.testId} onClick={() => open({ kind: s!.kind })}>
              {s!.done && <Icon name="check" size={14} />} {s!.action}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
