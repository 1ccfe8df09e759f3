import { KeyboardSensor, type KeyboardSensorProps } from '@dnd-kit/core';

/** What of dnd-kit's KeyboardSensor (6.3) this reaches: private in its typings, bound or plain methods at run time. */
interface Internals {
  handleKeyDown?: (e: KeyboardEvent) => void;
  detach?: () => void;
}

/** dnd-kit's own defaults, when no keyboardCodes are given. */
const DEFAULT_CODES = { end: ['Space', 'Enter'], cancel: ['Escape'] };

/**
 * dnd-kit's keyboard sensor, listening from the moment of the pick-up.
 *
 * dnd-kit adds its key listener on a zero-delay timer after the pick-up, so that the key which picked up does not
 * also drop. Chromium runs input before timers: on a busy machine the planner's next key (the drop, Escape, an arrow)
 * can reach the page before that listener, and is lost with the drag left hanging. This sensor also listens at once,
 * in the capture phase and skipping the key that picked up, until dnd-kit's own listener is in (a timer queued after
 * dnd-kit's). A key it handles is not passed on, so dnd-kit's listener never sees it twice; a drag it ended stays
 * ended when dnd-kit's late listener arrives.
 */
export class PromptKeyboardSensor extends KeyboardSensor {
  constructor(props: KeyboardSensorProps) {
    super(props);
    const own = this as unknown as Internals;
    const doc = (props.event.target as Node | null)?.ownerDocument ?? document;
    if (typeof own.handleKeyDown !== 'function' || typeof own.detach !== 'function') return; // another dnd-kit: its own way only
    let ended = false;
    const early = (e: KeyboardEvent) => {
      if (e === props.event || ended) return;
      own.handleKeyDown!.call(this, e);
      if (!e.defaultPrevented) return;
      e.stopPropagation();
      const codes = props.options.keyboardCodes ?? DEFAULT_CODES;
      if (codes.end.includes(e.code) || codes.cancel.includes(e.code)) ended = true;
    };
    doc.addEventListener('keydown', early, true);
    setTimeout(() => {
      doc.removeEventListener('keydown', early, true);
      if (ended) own.detach!.call(this);
    });
  }
}
