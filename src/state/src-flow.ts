// Loading inputs from a URL (issue 12): `#src=<url>` (repeatable, beside a view's `cl1.` part)
// names files a team hosts on an internal server. Nothing is fetched before the user confirms in
// the page; only origins the page's Content-Security-Policy allows are asked (this page's own, and
// those a deployment adds at build time: CLUSTERLENS_SRC_ORIGINS, see the README); a failure says
// which file and why (not allowed, not reachable or CORS, an HTTP status, too large).

import { formatBytes } from '../base/bytes.ts';
import { readAll } from '../base/streams.ts';
import { openFiles } from './controller.ts';
import { useUi } from './ui-state.ts';

/** Origins besides the page's own that this build's CSP lets it fetch from (vite.config.ts). */
declare const __SRC_ORIGINS__: readonly string[];
export const SRC_ORIGINS: readonly string[] = typeof __SRC_ORIGINS__ === 'undefined' ? [] : __SRC_ORIGINS__;
/** Largest input fetched (a whole file is held in the tab). */
export const MAX_SRC_BYTES = 2 * 1024 ** 3;

/** A fragment's parts: the view (`cl1.…`) and the URLs of `src=` parts, in order. */
export function parseFragment(hash: string): { view: string | null; srcs: string[] } {
  const frag = hash.startsWith('#') ? hash.slice(1) : hash;
  let view: string | null = null;
  const srcs: string[] = [];
  for (const part of frag.split('&')) {
    if (part.startsWith('cl1.')) view = part;
    else if (part.startsWith('src=')) {
      try {
        srcs.push(decodeURIComponent(part.slice(4)));
      } catch {
        srcs.push(part.slice(4));
      }
    }
  }
  return { view, srcs };
}

/** Where a `src` points (resolved against the page), or why it may not be fetched. */
export function checkSrc(src: string, page: string, allowed: readonly string[] = SRC_ORIGINS): { url: URL } | { why: string } {
  let url: URL;
  try {
    url = new URL(src, page);
  } catch {
    return { why: `${src} is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { why: `${src}: only http and https addresses are fetched` };
  const mine = new URL(page).origin;
  if (url.origin !== mine && !allowed.includes(url.origin)) {
    return { why: `${url.origin} is not an origin this deployment may fetch from (its Content-Security-Policy allows ${[mine, ...allowed].join(', ')})` };
  }
  return { url };
}

function nameOf(url: URL, res: Response): string {
  const cd = res.headers.get('content-disposition');
  const m = cd && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  if (m) {
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return m[1];
    }
  }
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'input';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Fetches one input, or says why not. */
async function fetchOne(url: URL): Promise<{ file: File; path: string } | { why: string }> {
  let res: Response;
  try {
    // Same-origin credentials only (an internal server's session cookie); no referrer.
    res = await fetch(url, { credentials: 'same-origin', referrerPolicy: 'no-referrer', cache: 'no-store' });
  } catch {
    return { why: `${url.href} could not be fetched: the server is not reachable, or it does not let this page read it (CORS)` };
  }
  if (!res.ok) return { why: `${url.href}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
  // A web page instead of a file: a sign-in page, or a site's fallback page for a path it does not have.
  if (/^text\/html\b/i.test(res.headers.get('content-type') ?? '') && !/\.html?$/i.test(url.pathname)) {
    return { why: `${url.href}: the server answered with a web page, not a file (a sign-in page, or a path it does not have)` };
  }
  const len = Number(res.headers.get('content-length') ?? NaN);
  if (len > MAX_SRC_BYTES) return { why: `${url.href} is ${formatBytes(len)}, more than the ${formatBytes(MAX_SRC_BYTES)} a fetched input may be (download it and drop it instead)` };
  const got = res.body ? await readAll(res.body, MAX_SRC_BYTES) : { parts: [], bytes: 0 };
  if (!got) return { why: `${url.href} is larger than the ${formatBytes(MAX_SRC_BYTES)} a fetched input may be (download it and drop it instead)` };
  const name = nameOf(url, res);
  return { file: new File(got.parts, name), path: name };
}

/** Fetches the confirmed inputs and opens those that came; says which did not, and why. */
export async function loadSrcs(urls: readonly URL[]): Promise<void> {
  useUi.getState().set({ notice: null, flash: `Fetching ${urls.length} input${urls.length === 1 ? '' : 's'}…` });
  const got = await Promise.all(urls.map(fetchOne));
  const files = got.flatMap((g) => ('file' in g ? [g] : []));
  const problems = got.flatMap((g) => ('why' in g ? [g.why] : []));
  if (files.length) openFiles(files, { replace: true });
  if (problems.length) useUi.getState().set({ notice: `Not loaded: ${problems.join('; ')}.` });
}

/**
 * Reads `src=` parts of the page's fragment (on load and when it changes) and asks the user to
 * confirm before anything is fetched. Returns the unsubscribe.
 */
export function watchSrc(): () => void {
  let asked = '';
  const read = () => {
    const { srcs } = parseFragment(location.hash);
    if (srcs.length === 0 || srcs.join('\n') === asked) return;
    asked = srcs.join('\n');
    const checked = srcs.map((s) => checkSrc(s, location.href));
    const ok = checked.flatMap((c) => ('url' in c ? [c.url] : []));
    const refused = checked.flatMap((c) => ('why' in c ? [c.why] : []));
    const parts: string[] = [];
    if (ok.length) parts.push(`This link asks to load ${ok.length} input${ok.length === 1 ? '' : 's'} from ${[...new Set(ok.map((u) => u.origin))].join(', ')}: ${ok.map((u) => u.pathname).join(', ')}. Nothing is fetched unless you say so.`);
    if (refused.length) parts.push(`Refused: ${refused.join('; ')}.`);
    useUi.getState().set({
      notice: ok.length ? { text: parts.join(' '), action: { label: `Load ${ok.length === 1 ? 'it' : `these ${ok.length}`}`, run: () => void loadSrcs(ok) } } : parts.join(' '),
    });
  };
  window.addEventListener('hashchange', read);
  read();
  return () => window.removeEventListener('hashchange', read);
}
