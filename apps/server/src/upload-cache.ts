import { randomUUID } from 'node:crypto';
import { busy } from './spreadsheet/limits.ts';
import { packedSize, type PackedFile } from './spreadsheet/packed.ts';

export const UPLOAD_TTL_MS = 30 * 60 * 1000;

export interface UploadCacheLimits {
  /** bytes of parsed rows (packed, spreadsheet/packed.ts), all plans together */
  totalBytes: number;
  /** bytes of one plan's uploads */
  planBytes: number;
  /** uploads, all plans together */
  count: number;
  /** uploads of one plan */
  planCount: number;
  ttlMs: number;
}

export const UPLOAD_CACHE_LIMITS: UploadCacheLimits = {
  totalBytes: 256 * 1024 * 1024,
  planBytes: 64 * 1024 * 1024,
  count: 200,
  planCount: 5,
  ttlMs: UPLOAD_TTL_MS,
};

export interface Upload {
  id: string;
  planId: string;
  fileName: string;
  fileHash: string;
  bytes: number;
  parsed: PackedFile;
  /** bytes `parsed` holds */
  size: number;
  expiresAt: number;
}

/**
 * Parsed uploads, kept in memory for a while so the planner can preview again and apply without re-sending.
 * Bounded in bytes and count, per plan and in total. A plan's new upload may push out only that plan's own older
 * uploads; when the total is full of other plans' live uploads the new one is refused as busy (retryable), so
 * no plan can evict another's. Expired uploads are swept on every use.
 */
export class UploadCache {
  private readonly uploads = new Map<string, Upload>();
  private bytes = 0;

  constructor(
    readonly limits: UploadCacheLimits = UPLOAD_CACHE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): { count: number; bytes: number } {
    return { count: this.uploads.size, bytes: this.bytes };
  }

  put(u: Omit<Upload, 'id' | 'expiresAt' | 'size'>): Upload {
    this.sweep();
    const size = packedSize(u.parsed);
    const full = () => busy('The server is holding many uploads right now.', 60);
    if (size > this.limits.planBytes) throw full();
    const own = [...this.uploads.values()].filter((x) => x.planId === u.planId);
    const ownBytes = () => own.reduce((n, x) => n + x.size, 0);
    const fits = () =>
      ownBytes() + size <= this.limits.planBytes &&
      own.length < this.limits.planCount &&
      this.bytes + size <= this.limits.totalBytes &&
      this.uploads.size < this.limits.count;
    // Only this plan's own uploads make room, oldest (least recently used) first.
    while (!fits() && own.length > 0) this.delete(own.shift()!.id);
    if (!fits()) throw full();
    const upload: Upload = { ...u, id: randomUUID(), size, expiresAt: this.now() + this.limits.ttlMs };
    this.uploads.set(upload.id, upload);
    this.bytes += size;
    return upload;
  }

  /** The upload, if it is this plan's and still live; using it keeps it for another TTL. */
  get(id: string, planId: string): Upload | undefined {
    this.sweep();
    const u = this.uploads.get(id);
    if (!u || u.planId !== planId) return undefined;
    u.expiresAt = this.now() + this.limits.ttlMs;
    // Map order is the eviction order: a used upload becomes the newest.
    this.uploads.delete(id);
    this.uploads.set(id, u);
    return u;
  }

  private delete(id: string) {
    const u = this.uploads.get(id);
    if (!u) return;
    this.uploads.delete(id);
    this.bytes -= u.size;
  }

  private sweep() {
    const now = this.now();
    for (const [id, u] of this.uploads) if (u.expiresAt < now) this.delete(id);
  }
}
