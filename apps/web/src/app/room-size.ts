import type { Validation } from './validation.ts';

export type RoomSide = 'width' | 'depth';
export type RoomSides = { ok: true; size: { widthM: number; depthM: number } | null } | { ok: false; side: RoomSide; text: string };

/**
 * A room's width and depth as the planner typed them (metres), checked by the domain's own rule for a room side, with
 * the first side that is not one and why. `optional`: both left empty is no size (set later), one alone is not.
 */
export function checkRoomSides(checks: Pick<Validation, 'roomSideSchema'>, width: string, depth: string, optional = false): RoomSides {
  const typed: [RoomSide, string][] = [
    ['width', width.trim()],
    ['depth', depth.trim()],
  ];
  if (optional && typed.every(([, raw]) => raw === '')) return { ok: true, size: null };
  const metres: number[] = [];
  for (const [side, raw] of typed) {
    const n = raw === '' ? NaN : Number(raw);
    if (Number.isNaN(n)) {
      const other = side === 'width' ? 'depth' : 'width';
      return {
        ok: false,
        side,
        text: optional ? `Enter the ${side} too, or leave the ${other} empty as well.` : `Enter the room’s ${side} in metres.`,
      };
    }
    const check = checks.roomSideSchema.safeParse(n);
    if (!check.success) return { ok: false, side, text: `The ${side} is ${n} m: ${check.error.issues[0]?.message ?? 'not a room side'}.` };
    metres.push(n);
  }
  return { ok: true, size: { widthM: metres[0]!, depthM: metres[1]! } };
}
