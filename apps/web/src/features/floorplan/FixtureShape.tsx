import type { FixtureKind } from '@seatfold/domain/core';
import { memo, type KeyboardEvent, type PointerEvent } from 'react';
import type { FloorFixture } from './layout.ts';
import { turned } from './FloorTableShape.tsx';

export const FIXTURE_LABELS: Record<FixtureKind, string> = {
  stage: 'Stage',
  'dance-floor': 'Dance floor',
  bar: 'Bar',
  buffet: 'Buffet',
  entrance: 'Entrance',
  pillar: 'Pillar',
  dj: 'DJ',
  other: 'Other',
};

/** A new fixture's size in metres (the planner edits it afterwards). */
export const FIXTURE_SIZES: Record<FixtureKind, [number, number]> = {
  stage: [8, 4],
  'dance-floor': [8, 8],
  bar: [6, 1.2],
  buffet: [6, 1],
  entrance: [3, 0.5],
  pillar: [0.6, 0.6],
  dj: [2.5, 1.5],
  other: [2, 2],
};

interface Props {
  fixture: FloorFixture;
  dx: number;
  dy: number;
  rotation: number;
  selected: boolean;
  organiser: boolean;
  highlight?: boolean;
  onPointerDown(e: PointerEvent<SVGGElement>, key: string): void;
  onKeyDown(e: KeyboardEvent<SVGGElement>, key: string): void;
}

const fmt = (v: number) => `${Math.round(v * 10) / 10} m`;

export function fixtureName(f: FloorFixture): string {
  const kind = FIXTURE_LABELS[f.kind as FixtureKind] ?? f.kind;
  return `${kind} “${f.label}”, ${fmt(f.widthM)} by ${fmt(f.depthM)}, at ${fmt(f.x)}, ${fmt(f.y)}${turned(f.rotation)}`;
}

/** A labelled fixture (stage, bar, pillar…) drawn to scale; tables are placed around it. */
export const FixtureShape = memo(function FixtureShape({
  fixture: f,
  dx,
  dy,
  rotation,
  selected,
  organiser,
  highlight,
  onPointerDown,
  onKeyDown,
}: Props) {
  const key = `f:${f.id}`;
  const round = f.kind === 'pillar';
  return (
    <g
      className={`fx fx--${f.kind}`}
      data-floor-item="fixture"
      data-testid="floor-fixture"
      data-fixture-id={f.id}
      data-kind={f.kind}
      data-x={f.x + dx}
      data-y={f.y + dy}
      data-selected={selected || undefined}
      data-highlight={highlight || undefined}
      transform={`translate(${f.x + dx} ${f.y + dy})`}
      tabIndex={0}
      role="button"
      aria-pressed={organiser ? selected : undefined}
      aria-label={fixtureName(f)}
      onPointerDown={organiser ? (e) => onPointerDown(e, key) : undefined}
      onKeyDown={(e) => onKeyDown(e, key)}
    >
      <g transform={rotation ? `rotate(${rotation})` : undefined}>
        {round ? (
          <circle className="fx__shape" r={f.widthM / 2} />
        ) : (
          <rect className="fx__shape" x={-f.widthM / 2} y={-f.depthM / 2} width={f.widthM} height={f.depthM} />
        )}
      </g>
      {!round && (
        <text className="fx__label" y={0.12}>
          {f.label}
        </text>
      )}
    </g>
  );
});
