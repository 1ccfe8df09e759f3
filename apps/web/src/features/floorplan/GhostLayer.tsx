import type { ReceivedGhost } from '@seatfold/sync';
import { useSyncExternalStore } from 'react';
import { useSetupConnection } from '../setup/context.ts';
import type { FloorRoom } from './layout.ts';

const NONE: ReadonlyMap<string, ReceivedGhost> = new Map();
const noop = () => () => {};

/** Other organisers' drags in progress on the floor of the room shown: dashed outlines with who is dragging. */
export function GhostLayer({ floor }: { floor: FloorRoom }) {
  const connection = useSetupConnection().current;
  const ghosts = useSyncExternalStore(connection?.ghosts.subscribe ?? noop, connection?.ghosts.getSnapshot ?? (() => NONE), () => NONE);
  const here = [...ghosts.values()].filter((g) => g.roomId === floor.room.id);
  if (here.length === 0) return null;
  return (
    <g className="floor-ghosts" aria-hidden="true">
      {here.map((g) =>
        g.items.map((item, i) => {
          const thing = item.kind === 'table' ? floor.tables.find((t) => t.id === item.id) : floor.fixtures.find((f) => f.id === item.id);
          if (!thing) return null;
          const round = item.kind === 'table' && 'shape' in thing && (thing.shape === 'round' || thing.shape === 'oval');
          return (
            <g
              key={`${g.clientId}:${item.kind}:${item.id}`}
              data-testid="floor-ghost"
              data-id={item.id}
              data-by={g.userName}
              data-x={item.x}
              data-y={item.y}
              transform={`translate(${item.x} ${item.y})`}
            >
              <g transform={item.rotation ? `rotate(${item.rotation})` : undefined}>
                {round ? (
                  <ellipse className="floor-ghost" rx={thing.widthM / 2} ry={thing.depthM / 2} />
                ) : (
                  <rect className="floor-ghost" x={-thing.widthM / 2} y={-thing.depthM / 2} width={thing.widthM} height={thing.depthM} />
                )}
              </g>
              {i === 0 && (
                <text className="floor-ghost__name" y={-thing.depthM / 2 - 0.6}>
                  {g.userName}
                </text>
              )}
            </g>
          );
        }),
      )}
    </g>
  );
}
