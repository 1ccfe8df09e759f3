import { createHash } from 'node:crypto';
import type { ImageRecord } from '@seatfold/store';
import { imageSize } from 'image-size';

/**
 * Room background images: PNG or JPEG, at most 5 MB, 8,000 px a side and 16 megapixels. The last bounds what a print
 * unpacks: a 249 kB PNG of 8,000 × 8,000 zeros took ~1 GB of the server's memory to draw (outside any heap limit),
 * while a page at 300 dpi needs under 9 megapixels.
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;
export const MAX_IMAGE_PIXELS = 16_000_000;
/** What one plan may hold: enough for every room's plan and a few replacements, bounded for the database. */
export const PLAN_IMAGE_LIMITS = { maxImages: 30, maxBytes: 60 * 1024 * 1024 };

export class ImageRefusal extends Error {}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, magic: number[]) => b.length >= magic.length && magic.every((x, i) => b[i] === x);

/**
 * Reads an upload as a background image, or refuses it with a sentence for the planner. The type comes from the
 * bytes (magic number, then a real header parse by image-size, which must agree), never from what the client
 * says; the size in pixels comes from the header. A file whose header cannot be read is refused, not guessed.
 */
export function readImage(bytes: Uint8Array): ImageRecord {
  if (bytes.byteLength === 0) throw new ImageRefusal('The file is empty. Choose the venue’s plan as a PNG or JPEG image.');
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    throw new ImageRefusal(`The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Save it smaller (or as JPEG) and upload it again.`);
  const magic = startsWith(bytes, PNG_MAGIC) ? 'png' : startsWith(bytes, [0xff, 0xd8, 0xff]) ? 'jpg' : null;
  if (!magic) throw new ImageRefusal('This file is not a PNG or JPEG image. Export the venue’s plan as PNG or JPEG and upload that.');
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    size = {};
  }
  const { width, height } = size;
  if (size.type !== magic || !width || !height || !Number.isInteger(width) || !Number.isInteger(height)) {
    throw new ImageRefusal(
      `This ${magic === 'png' ? 'PNG' : 'JPEG'} file is damaged: its size cannot be read. Export the plan again and upload the new file.`,
    );
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ImageRefusal(
      `The image is ${width} × ${height} pixels; at most ${MAX_IMAGE_SIDE} pixels a side are accepted. Scale it down and upload it again.`,
    );
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageRefusal(
      `The image is ${width} × ${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); at most ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted (4,000 × 4,000, say). Scale it down and upload it again.`,
    );
  }
  return {
    imageId: createHash('sha256').update(bytes).digest('hex'),
    contentType: magic === 'png' ? 'image/png' : 'image/jpeg',
    width,
    height,
    bytes,
  };
}
