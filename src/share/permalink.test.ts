// The permalink codec: a view goes through the URL fragment and comes back the same; a link is
// untrusted input (damaged, cut, too long, a deflate bomb, the wrong shape: refused with why);
// an older view version is upgraded step by step.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_FILTER } from '../engine/api.ts';
import { decodeState, encodeState, LINK_MARKER, MAX_LINK_CHARS, UPGRADERS, type LinkState } from './permalink.ts';

const STATE: LinkState = {
  v: 2,
  files: [
    { name: 'Cluster.log', size: 1234, node: 'SVR12', timeBase: { base: 'local', utcOffsetMinutes: -240 } },
    { name: 'Cluster.log', size: 2345 },
    { name: 'SVR12_procmon.csv', size: 387, alignment: { date: '2020-05-11', utcOffsetMinutes: -240, fineMs: 1.5 } },
  ],
  view: { minLevel: 3, components: ['QUORUM', 'RCM'], from: Date.UTC(2020, 4, 12, 1, 17), to: Date.UTC(2020, 4, 12, 1, 18), onlyHits: true, context: 2, expandAll: false, hiddenFiles: [1] },
  search: { text: 'quorum <img src=x onerror=alert(1)>', regex: false, caseSensitive: false },
  timeMode: 'local',
  domain: [Date.UTC(2020, 4, 12, 1, 17, 40), Date.UTC(2020, 4, 12, 1, 17, 55)],
  events: { ...DEFAULT_EVENT_FILTER, families: ['quorum'], minSeverity: 4 },
  timeline: {
    open: true, axis: 'svr12', laneOrder: ['SVR13', 'SVR12'], hiddenLanes: [], collapsedLanes: ['svr13'], hiddenTracks: ['density'],
    collapsedTracks: ['svr12\u0000join'], expandedTracks: ['svr12\u0000network'], expandedGroups: ['svr12\u0000Cluster Group'],
  },
  selected: { file: 0, line: 7 },
  notes: [
    { text: 'witness <b>lost</b> here\nsee SVR13', t: Date.UTC(2020, 4, 12, 1, 17, 42, 347), file: 1, line: 9, event: 'quorum-one-off' },
    { text: 'the 6 s arbitration', t: Date.UTC(2020, 4, 12, 1, 17, 42, 799), t1: Date.UTC(2020, 4, 12, 1, 17, 48, 802) },
    { text: 'SVR12 gone', t: Date.UTC(2020, 4, 12, 1, 17, 51) },
  ],
};

const raw = (s: string) => `${LINK_MARKER}${Buffer.from(deflateRawSync(Buffer.from(s))).toString('base64url')}`;

describe('permalink codec', () => {
  it('a view goes through the fragment and comes back the same, in a link short enough for a chat', async () => {
    const frag = await encodeState(STATE);
    expect(frag.startsWith(LINK_MARKER)).toBe(true);
    expect(frag).toMatch(/^cl1\.[A-Za-z0-9_-]+$/);
    expect(frag.length).toBeLessThan(900);
    const back = await decodeState(`https://host/app/#${frag}`);
    expect(back).toEqual({ ok: true, state: STATE, upgradedFrom: null });
  });

  it('refuses a damaged, cut, foreign, too long or oversized link, or one of the wrong shape, saying why', async () => {
    const frag = await encodeState(STATE);
    const refused = async (t: string) => {
      const d = await decodeState(t);
      expect(d.ok, t.slice(0, 40)).toBe(false);
      return d.ok ? '' : d.why;
    };
    expect(await refused(frag.slice(0, frag.length - 9))).toMatch(/damaged/);
    expect(await refused(frag.replace(/.$/, (c) => (c === 'A' ? '*' : 'A')).replace('*', '!'))).toMatch(/damaged|not valid/);
    expect(await refused('#somethingelse')).toMatch(/no ClusterLens view/);
    expect(await refused(`${LINK_MARKER}${'A'.repeat(MAX_LINK_CHARS)}`)).toMatch(/more than the 16384/);
    // A deflate bomb: tiny, but inflates to megabytes.
    expect(await refused(raw(' '.repeat(4_000_000)))).toMatch(/inflates past/);
    expect(await refused(raw('not json'))).toMatch(/not JSON/);
    expect(await refused(raw(JSON.stringify({ ...STATE, v: 9 })))).toMatch(/newer ClusterLens/);
    expect(await refused(raw(JSON.stringify({ ...STATE, view: { ...STATE.view, minLevel: '3' } })))).toBe("the link's view is not valid: view.minLevel is not a whole number");
    expect(await refused(raw(JSON.stringify({ ...STATE, script: '<script>' })))).toBe("the link's view is not valid: script is not part of the view");
    expect(await refused(raw(JSON.stringify({ ...STATE, domain: [5, 1] })))).toMatch(/domain is not a time range/);
    expect(await refused(raw(JSON.stringify({ ...STATE, notes: [{ text: 'x', t: 1, file: 3, line: 0 }] })))).toBe("the link's view is not valid: notes[0].file is not one of the link's files");
    expect(await refused(raw(JSON.stringify({ ...STATE, notes: [{ text: 'x', t: 5, t1: 1 }] })))).toBe("the link's view is not valid: notes[0] is not a time range");
    expect(await refused(raw(JSON.stringify({ ...STATE, notes: [{ text: 'x'.repeat(4001), t: 5 }] })))).toMatch(/notes\[0\]\.text is not a text/);
    expect(await refused(raw(JSON.stringify({ ...STATE, selected: { file: 3, line: 0 } })))).toMatch(/selected.file is not one of/);
  });

  it('opens a version 1 link (before notes) as a view without notes', async () => {
    const { notes: _n, ...v1 } = { ...STATE, v: 1 };
    expect(await decodeState(raw(JSON.stringify(v1)))).toEqual({ ok: true, state: { ...STATE, notes: [] }, upgradedFrom: 1 });
  });

  it('opens an older version through its upgraders, one step at a time', async () => {
    // A made-up version 0 that named the axis "zone": its upgrader maps it to version 1, and version 1's to 2.
    const { timeline, notes: _n, ...rest } = STATE;
    const v0 = { ...rest, v: 0, timeline: { ...timeline, axis: undefined, zone: 'svr12' } };
    const upgraders = { ...UPGRADERS, 0: (o: Record<string, unknown>) => {
      const t = { ...(o.timeline as Record<string, unknown>) };
      t.axis = t.zone;
      delete t.zone;
      return { ...o, timeline: t };
    } };
    const back = await decodeState(raw(JSON.stringify(v0)), upgraders);
    expect(back).toEqual({ ok: true, state: { ...STATE, notes: [] }, upgradedFrom: 0 });
    expect(await decodeState(raw(JSON.stringify(v0)))).toEqual({ ok: false, why: "the link's view version 0 can no longer be read" });
  });
});
