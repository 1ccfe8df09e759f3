import { useState, type ReactNode } from 'react';
import { UNREACHABLE } from '../../app/http.ts';

/** The file name a Content-Disposition header gives (its UTF-8 `filename*` first), or null. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // a malformed escape: the plain name below
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

/**
 * A download that says how it went. A plain `<a download>` fails silently when the server refuses (a plan without
 * rooms has no floor plan, the print worker is busy): Chromium just cancels the download. This fetches the file,
 * shows that it is being made, saves it under the server's file name, and on a refusal shows the server's sentence.
 * The href stays, for "Save link as…" and pages without scripts.
 */
export function DownloadLink({ href, testId, title, children }: { href: string; testId: string; title?: string; children: ReactNode }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    let res: Response;
    try {
      res = await fetch(href);
    } catch {
      return setState({ busy: false, error: UNREACHABLE });
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
      const message = typeof body?.error === 'string' ? body.error : `The server answered ${res.status}. Please try again.`;
      return setState({ busy: false, error: message });
    }
    const blob = await res.blob().catch(() => null);
    if (!blob) return setState({ busy: false, error: 'The download was interrupted. Please try again.' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = dispositionName(res.headers.get('content-disposition')) ?? '';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setState({ busy: false, error: null });
  };
  return (
    <span className="download">
      <a
        className="button"
        href={href}
        download
        data-testid={testId}
        title={title}
        aria-busy={state.busy || undefined}
        onClick={(e) => {
          e.preventDefault();
          if (!state.busy) void download();
        }}
      >
        {children}
        {state.busy && <span className="download__busy"> — preparing…</span>}
      </a>
      {state.error && (
        <span className="form-error download__error" role="alert" data-testid={`${testId}-error`}>
          {state.error}
        </span>
      )}
    </span>
  );
}
