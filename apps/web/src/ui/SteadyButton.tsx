import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that is turned off with aria-disabled instead of disabled, so that it keeps the keyboard focus: a
 * disabled button that has focus drops it to the page, and the next Tab starts again from the top. For buttons
 * whose own press turns them off (the last step back, Undo while it runs, Live once live). Screen readers read it
 * as dimmed, and a press while it is off does nothing.
 */
export function SteadyButton({ off, onClick, ...rest }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'type'> & { off: boolean }) {
  return <button type="button" {...rest} aria-disabled={off} onClick={(e) => !off && onClick?.(e)} />;
}
