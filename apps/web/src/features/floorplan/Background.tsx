import { useState } from 'react';
import { useAppSelector } from '../../app/store.ts';
import { backgroundUrl } from './images.ts';
import type { FloorRoom } from './layout.ts';

/** The venue's plan under the floor, placed and scaled in room metres (its height follows the image). */
export function Background({ floor }: { floor: FloorRoom }) {
  const token = useAppSelector((s) => s.session.token);
  const [failed, setFailed] = useState<string | null>(null);
  const bg = floor.background;
  if (!bg || !token || failed === bg.imageId) return null;
  return (
    <image
      className="floor-background"
      data-testid="floor-background"
      href={backgroundUrl(token, bg.imageId)}
      x={bg.x}
      y={bg.y}
      width={bg.widthM}
      preserveAspectRatio="xMinYMin meet"
      opacity={0.55}
      pointerEvents="none"
      onError={() => setFailed(bg.imageId)}
    />
  );
}
