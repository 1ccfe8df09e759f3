import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { toTimestamp } from './time.ts';
import type { ImageRecord } from './types.ts';

export async function saveImage(
  db: Kysely<Database>,
  planId: string,
  image: ImageRecord,
  limits: { maxImages: number; maxBytes: number },
): Promise<'stored' | 'exists' | 'full'> {
  const size = image.bytes.byteLength;
  // Inserted only while the plan stays within its limits; an existing image is left as it is (same bytes, same id).
  const inserted = await sql<{ image_id: string }>`
    insert into images (plan_id, image_id, content_type, width, height, size, bytes, created_at)
    select ${planId}, ${image.imageId}, ${image.contentType}, ${image.width}, ${image.height}, ${size}, ${Buffer.from(image.bytes)}, ${toTimestamp(Date.now())}
    where (select count(*) from images where plan_id = ${planId}) < ${limits.maxImages}
      and (select coalesce(sum(size), 0) from images where plan_id = ${planId}) + ${size} <= ${limits.maxBytes}
    on conflict (plan_id, image_id) do nothing
    returning image_id`.execute(db);
  if (inserted.rows.length > 0) return 'stored';
  const existing = await db
    .selectFrom('images')
    .select('image_id')
    .where('plan_id', '=', planId)
    .where('image_id', '=', image.imageId)
    .executeTakeFirst();
  return existing ? 'exists' : 'full';
}

export async function loadImage(db: Kysely<Database>, planId: string, imageId: string): Promise<ImageRecord | null> {
  const row = await db
    .selectFrom('images')
    .select(['image_id', 'content_type', 'width', 'height', 'bytes'])
    .where('plan_id', '=', planId)
    .where('image_id', '=', imageId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    imageId: row.image_id,
    contentType: row.content_type,
    width: Number(row.width),
    height: Number(row.height),
    bytes: new Uint8Array(row.bytes),
  };
}
