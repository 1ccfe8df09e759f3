import { z } from 'zod';
import { idSchema } from '../id-schema.ts';
import { FIXTURE_KINDS, TABLE_SHAPES } from '../model.ts';
import { entityNameSchema } from '../text.ts';

/**
 * The floor plan's commands (issue #10). Units are metres, positions the CENTRE of a table or fixture, rotation
 * degrees clockwise in [0, 360). Where a command can also take something back to "never set" (a room's size, a
 * table's shape or place), it does so with null: the inverses of first settings use that, so undo and revert give
 * back exactly the state before, and a planner's UI never needs to send it.
 */
const id = idSchema;
const metres = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number of metres` })
    .min(min, `${what} is at least ${min} m`)
    .max(max, `${what} is at most ${max} m`);
/** Where things may stand: within the largest room (500 m) and a little around it for a background image. */
export const coordinate = z
  .number({ error: 'positions are numbers of metres' })
  .min(-1000, 'positions are within 1000 m of the room')
  .max(1000, 'positions are within 1000 m of the room');
export const rotation = z
  .number({ error: 'rotation must be a number of degrees' })
  .min(0, 'rotation is at least 0°')
  .lt(360, 'rotation is below 360°');
export const roomSide = metres(1, 500, 'a room side');
export const tableSide = metres(0.3, 100, 'a table side');
export const fixtureSide = metres(0.1, 500, 'a fixture side');
/** The id of a stored image: the sha-256 of its bytes, in lower-case hex. */
export const imageIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'an image id is the sha-256 of the image (64 hex digits)');
export const MAX_FLOOR_MOVES = 500;

export const backgroundSchema = z
  .object({ imageId: imageIdSchema, x: coordinate, y: coordinate, widthM: metres(1, 2000, 'the background width') })
  .strict();

/** Where the planner saw the item when the drag began (null: not on the floor yet); a drop is refused when it moved since. */
const seen = z.object({ x: coordinate, y: coordinate, rotation }).strict().nullable();
const move = z
  .object({
    kind: z.enum(['table', 'fixture']),
    id,
    x: coordinate.nullable(),
    y: coordinate.nullable(),
    rotation: rotation.nullable(),
    from: seen.optional(),
  })
  .strict()
  .refine((m) => (m.x === null) === (m.y === null) && (m.x === null) === (m.rotation === null), 'give x, y and rotation together')
  .refine((m) => m.x !== null || m.kind === 'table', 'a fixture always has a place');

export const floorCommandSchemas = [
  z
    .object({ type: z.literal('setRoomSize'), roomId: id, widthM: roomSide.nullable(), depthM: roomSide.nullable() })
    .strict()
    .refine((c) => (c.widthM === null) === (c.depthM === null), 'give width and depth together'),
  z.object({ type: z.literal('setRoomBackground'), roomId: id, background: backgroundSchema.nullable() }).strict(),
  z
    .object({
      type: z.literal('shapePhysicalTable'),
      physicalTableId: id,
      shape: z.enum(TABLE_SHAPES).nullable(),
      widthM: tableSide.nullable(),
      depthM: tableSide.nullable(),
    })
    .strict()
    .refine((c) => (c.shape === null) === (c.widthM === null) && (c.shape === null) === (c.depthM === null), 'give shape, width and depth together'),
  z
    .object({
      type: z.literal('arrangeFloor'),
      roomId: id,
      moves: z.array(move).min(1, 'move at least one table or fixture').max(MAX_FLOOR_MOVES, `move at most ${MAX_FLOOR_MOVES} things at once`),
    })
    .strict(),
  z
    .object({
      type: z.literal('addFixture'),
      fixtureId: id,
      roomId: id,
      kind: z.enum(FIXTURE_KINDS),
      label: entityNameSchema,
      x: coordinate,
      y: coordinate,
      widthM: fixtureSide,
      depthM: fixtureSide,
      rotation,
    })
    .strict(),
  z
    .object({
      type: z.literal('editFixture'),
      fixtureId: id,
      label: entityNameSchema.optional(),
      widthM: fixtureSide.optional(),
      depthM: fixtureSide.optional(),
    })
    .strict(),
  z.object({ type: z.literal('removeFixture'), fixtureId: id }).strict(),
  z.object({ type: z.literal('orderSeats'), tableId: id, guestIds: z.array(id).max(500, 'a table seats at most 500') }).strict(),
] as const;
