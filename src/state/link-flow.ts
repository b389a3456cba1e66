// The permalink in the app (issue 12): "Copy link" writes the view into the URL fragment and the
// clipboard; a page opened with a link's fragment decodes it (refusing a bad one with why),
// says which files it needs, and restores the view as soon as they are loaded (dropped, or
// already there). Nothing is sent anywhere: the fragment stays in the browser.

import { decodeState, encodeState, MAX_LINK_CHARS, type LinkState } from '../share/permalink.ts';
import { useNotes } from './notes.ts';
import { parseFragment } from './src-flow.ts';
import { applyLinkState, currentLinkState } from './share.ts';
import { getEngine, gotoLine, openFiles } from './controller.ts';
import { sessionFiles, sessionFor } from './sessions.ts';
import { useSnap } from './snapshot-store.ts';
import { useUi } from './ui-state.ts';
import { useTimelineUi } from './timeline-state.ts';
import { formatBytes as fmtBytes } from '../base/bytes.ts';

let pending: LinkState | null = null;
/** Where the pending view came from ('this link', or a case file), for messages. */
let pendingFrom = 'This link';
/** What to say once the pending view is restored (a case file's remarks), else nothing. */
let pendingNotice: string | null = null;
/** The remembered sessions were looked in for the pending view's files. */
let triedSession = false;
/** Until then, changes are the link's own being applied (a back or forward): they make no history entry. */
let quietUntil = 0;
/** The view history's debounce: a pan or a zoom gesture is one entry, not a hundred. */
export const HISTORY_DEBOUNCE_MS = 700;

/**
 * Writes the view into the address bar's fragment and the clipboard; says which happened. A link
 * longer than a link may be (long notes) is not written: its length is returned (the caller
 * offers the case file), else null.
 */
export async function copyLink(): Promise<number | null> {
  const frag = await encodeState(currentLinkState(useSnap.getState().snap.files));
  if (frag.length > MAX_LINK_CHARS) return frag.length;
  history.replaceState(history.state, '', `#${frag}`);
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    useUi.getState().set({ flash: `Link copied (${url.length} characters): it holds the view, not the files` });
  } catch {
    useUi.getState().set({ flash: 'The link is in the address bar (the clipboard was not available)' });
  }
  return null;
}

/**
 * Opens a view that came with its files (a case file): it is applied once they are loaded (the
 * caller opens them). `from` names where it came from, for messages.
 */
export function openView(state: LinkState, from: string, notice: string | null = null): void {
  pending = state;
  pendingFrom = from;
  pendingNotice = notice;
  triedSession = true; // its files come with it
  // Not tried now: the files it needs are only being opened (the snapshot's next files are theirs).
}

/** Runs `fn` once the engine's view has changed from now (the filters just set are applied), or after 3 s. */
function afterView(fn: () => void): void {
  const from = useSnap.getState().snap.viewVersion;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    off();
    clearTimeout(t);
    fn();
  };
  const off = useSnap.subscribe((s) => {
    if (s.snap.viewVersion !== from && !s.snap.loading) run();
  });
  const t = setTimeout(run, 3000);
}

/** Applies the pending link once its files are loaded; otherwise says what it waits for, or what differs. */
function tryApply(anyway = false): void {
  const s = pending;
  if (!s) return;
  const snap = useSnap.getState().snap;
  if (snap.loading || snap.files.some((f) => f.facts.status === 'loading')) return;
  const match = applyLinkState(
    s, snap.files,
    (id, f) => getEngine().setFileOptions(id, {
      ...(f.node ? { node: f.node } : {}), ...(f.timeBase ? { timeBase: f.timeBase } : {}), ...(f.alignment ? { alignment: f.alignment } : {}),
      clockMs: f.clockMs ?? 0,
    }),
    // The line's position is the filtered view's: select it once the engine has built that view.
    (fileId, line) => afterView(() => void gotoLine(fileId, line)),
    anyway,
  );
  const { missing, mismatched } = match;
  if (missing.length === 0 && (mismatched.length === 0 || anyway)) {
    pending = null;
    quietUntil = Date.now() + 1500;
    const what = pendingFrom === 'this link' ? 'The linked view' : `The view of ${pendingFrom}`;
    useUi.getState().set({ notice: pendingNotice, flash: mismatched.length ? `${what} is shown on files that differ from its own` : `${what} is restored` });
    pendingNotice = null;
    return;
  }
  // The files may be remembered in this browser: open them from there (once per link).
  if (missing.length && !triedSession) {
    triedSession = true;
    const want = s;
    void sessionFor(s.files).then(async (found) => {
      if (!found || pending !== want) return;
      const files = await sessionFiles(found);
      useUi.getState().set({ notice: null, flash: `Opening the files from the session remembered ${new Date(found.created).toLocaleString()}` });
      openFiles(files, { replace: true });
    }).catch(() => {});
  }
  const parts = [`${pendingFrom[0].toUpperCase()}${pendingFrom.slice(1)} shows a view of ${s.files.length} file${s.files.length === 1 ? '' : 's'}.`];
  if (missing.length) parts.push(`Drop them to see it; missing: ${missing.map((f) => `${f.name} (${fmtBytes(f.size)})`).join(', ')}.`);
  if (mismatched.length) parts.push(`Not the linked file${mismatched.length === 1 ? '' : 's'}: ${mismatched.map((m) => `${m.want.name}: ${m.why}`).join('; ')}.`);
  useUi.getState().set({
    notice: mismatched.length && !missing.length
      ? { text: parts.join(' '), action: { label: 'Show the view on these files anyway', run: () => tryApply(true) } }
      : parts.join(' '),
  });
}

/** Reads the fragment now and on every change of it; returns the unsubscribe. */
export function watchLink(): () => void {
  const read = async () => {
    // The view part of the fragment (a `src=` part beside it names files to fetch: src-flow.ts).
    const view = parseFragment(location.hash).view;
    if (!view) return;
    const d = await decodeState(view);
    if (!d.ok) {
      pending = null;
      useUi.getState().set({ notice: `This link cannot be opened: ${d.why}.` });
      return;
    }
    pending = d.state;
    pendingFrom = 'this link';
    pendingNotice = null;
    triedSession = false;
    tryApply();
  };
  const onHash = () => void read();
  window.addEventListener('hashchange', onHash);
  const off = useSnap.subscribe((s, prev) => {
    if (pending && (s.snap.files !== prev.snap.files || s.snap.loading !== prev.snap.loading)) tryApply();
  });
  void read();
  return () => {
    window.removeEventListener('hashchange', onHash);
    off();
  };
}

/**
 * The view history: each settled change of the view (debounced) becomes an entry whose fragment
 * is the view's link, so that Back and Forward walk the views (their hashchange restores them).
 * The first one replaces the page's entry. Returns the unsubscribe.
 */
export function watchHistory(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const settle = async () => {
    timer = null;
    const snap = useSnap.getState().snap;
    if (pending || Date.now() < quietUntil || snap.files.length === 0 || snap.loading) return;
    const frag = `#${await encodeState(currentLinkState(snap.files))}`;
    if (frag === location.hash || frag.length > MAX_LINK_CHARS) return;
    if (location.hash.startsWith('#cl1.')) history.pushState(history.state, '', frag);
    else history.replaceState(history.state, '', frag);
  };
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void settle(), HISTORY_DEBOUNCE_MS);
  };
  const offUi = useUi.subscribe((s, prev) => {
    // What a link holds (not scrolling, hovering or the panels).
    if (s.minLevel !== prev.minLevel || s.components !== prev.components || s.from !== prev.from || s.to !== prev.to || s.onlyHits !== prev.onlyHits
      || s.context !== prev.context || s.expandAll !== prev.expandAll || s.hiddenFiles !== prev.hiddenFiles || s.searchApplied !== prev.searchApplied
      || s.timeMode !== prev.timeMode || s.tlDomain !== prev.tlDomain || s.eventFilter !== prev.eventFilter || s.timelineOpen !== prev.timelineOpen
      || s.selected?.fileId !== prev.selected?.fileId || s.selected?.line !== prev.selected?.line) changed();
  });
  const offNotes = useNotes.subscribe((s, prev) => {
    if (s.notes !== prev.notes) changed();
  });
  // The files' own choices the link holds (node, time base, alignment, clock correction).
  let fileChoices = '';
  const offFiles = useSnap.subscribe((s, prev) => {
    if (s.snap.files === prev.snap.files || s.snap.loading) return;
    const key = JSON.stringify(s.snap.files.map((f) => [f.facts.node, f.facts.nodeSource, f.facts.timeBase, f.facts.capture?.raw]));
    if (key !== fileChoices) {
      if (fileChoices) changed();
      fileChoices = key;
    }
  });
  const offTl = useTimelineUi.subscribe((s, prev) => {
    if (s.axis !== prev.axis || s.laneOrder !== prev.laneOrder || s.hiddenLanes !== prev.hiddenLanes || s.collapsedLanes !== prev.collapsedLanes
      || s.hiddenTracks !== prev.hiddenTracks || s.collapsedTracks !== prev.collapsedTracks || s.expandedTracks !== prev.expandedTracks || s.expandedGroups !== prev.expandedGroups) changed();
  });
  return () => {
    if (timer) clearTimeout(timer);
    offUi();
    offTl();
    offNotes();
    offFiles();
  };
}
