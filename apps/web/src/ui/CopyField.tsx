import { useEffect, useState } from 'react';
import { Icon } from './Icon.tsx';

/** Copies text to the clipboard; true when it worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure origin, permissions): fall back to a selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** A link shown in full with a copy button ("Copied" confirms for a moment). */
export function CopyField({ label, url, testId, hint }: { label: string; url: string; testId: string; hint?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <div className="copy-field">
      <div className="copy-field__label">
        <span>{label}</span>
        {hint && <span className="muted">{hint}</span>}
      </div>
      <div className="copy-field__row">
        <a className="copy-field__url" href={url} data-testid={testId} title={url}>
          {url}
        </a>
        <button
          type="button"
          className="button button--small"
          data-testid={`copy-${testId}`}
          onClick={async () => setState((await copyText(url)) ? 'copied' : 'failed')}
          aria-label={`Copy ${label.toLowerCase()}`}
        >
          <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
          <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}</span>
        </button>
      </div>
    </div>
  );
}
