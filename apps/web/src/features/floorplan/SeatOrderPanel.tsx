import { entity, seatOrderOf, type Command } from '@seatfold/domain/core';
import { selectDisplayed } from '../../app/history.ts';
import { useAppSelector } from '../../app/store.ts';
import type { FloorTable } from './layout.ts';

type Send = (command: Command, done: string) => boolean;

/** The guests of the selected table in chair order; Up/Down buttons reorder them (the keyboard path of a chair drag). */
export function SeatOrderPanel({ table, organiser, send }: { table: FloorTable; organiser: boolean; send: Send }) {
  const guests = useAppSelector((s) => selectDisplayed(s).guests);
  const logical = table.logical!;
  const order = seatOrderOf(logical);
  const move = (i: number, by: number) => {
    const next = [...order];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    const who = entity(guests, order[i])?.name ?? 'The guest';
    send({ type: 'orderSeats', tableId: logical.id, guestIds: next }, `${who} now sits at chair ${i + by + 1} of table ${logical.name}.`);
  };
  if (order.length === 0) return <p className="muted">Nobody sits at table {logical.name} yet: drop guests or a party on it.</p>;
  return (
    <div className="seat-order">
      <h4>Chairs at table {logical.name}</h4>
      <ol data-testid="seat-order">
        {order.map((id, i) => {
          const name = entity(guests, id)?.name ?? '?';
          return (
            <li key={id} data-guest-id={id}>
              <span>{name}</span>
              {organiser && (
                <span className="seat-order__moves">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${name} one chair back`}
                    title="One chair back"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${name} one chair on`}
                    title="One chair on"
                    disabled={i === order.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
