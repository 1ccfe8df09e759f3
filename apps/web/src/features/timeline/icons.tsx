/** The timeline's own icons (stroke icons in the app's style). */
const paths = {
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 7v5l3 2',
  play: 'M7 5v14l11-7Z',
  pause: 'M8 5v14M16 5v14',
  back: 'M18 6 10 12l8 6M6 6v12',
  forward: 'M6 6l8 6-8 6M18 6v12',
  start: 'M19 6l-7 6 7 6M12 6l-7 6 7 6',
  redo: 'm15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  close: 'M6 6l12 12M18 6 6 18',
  fold: 'M6 9l6 6 6-6',
  unfold: 'M6 15l6-6 6 6',
} as const;

export function HIcon({ name, size = 15 }: { name: keyof typeof paths; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={name === 'play' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className="icon"
    >
      <path d={paths[name]} />
    </svg>
  );
}
