// Redaction on real line shapes (formats.md's examples): every host, address, account and
// path is masked, consistently, and what parsers and readers rely on stays (times, ports,
// versions, Windows' own names, registry keys, line count).
import { describe, expect, it } from 'vitest';
import { patternProblem, Redactor, REDACT_CATEGORIES } from '../../src/share/redact.ts';

const all = (hosts: string[] = ['SQLNODE1', 'SQLNODE2'], patterns: string[] = []) => new Redactor({ categories: REDACT_CATEGORIES, hosts, patterns });

describe('redaction', () => {
  it('masks hosts and their domains, in any case, as whole names (also inside file names)', () => {
    const r = all();
    expect(r.text('000014a8.00001f4c::2020/05/12-01:17:42.347 INFO  [NODE] Node 1: New join with n2: stage: \'Attempt Initial Connection\' to SQLNODE2'))
      .toBe('000014a8.00001f4c::2020/05/12-01:17:42.347 INFO  [NODE] Node 1: New join with n2: stage: \'Attempt Initial Connection\' to HOST-1');
    expect(r.text('sqlnode2.contoso.local and SQLNODE1 and SQLNODE1_cluster.log and SQLNODE10')).toBe('HOST-1.domain-1.example and HOST-2 and HOST-2_cluster.log and SQLNODE10');
    expect(r.text('SQLNODE2.CONTOSO.LOCAL')).toBe('HOST-1.domain-1.example');
  });

  it('masks IPv4 and IPv6 addresses with test-range ones, keeping ports, times, versions and loopbacks', () => {
    const r = all();
    expect(r.text('[SV] New real route: local 10.10.10.23:~56450~ to remote 10.10.10.24:~3343~.'))
      .toBe('[SV] New real route: local 198.18.0.1:~56450~ to remote 198.18.0.2:~3343~.');
    expect(r.text('remote 10.10.10.24:~3343~ again, 127.0.0.1, 0.0.0.0, OS 10.0.17763.1, at 21:17:51.909'))
      .toBe('remote 198.18.0.2:~3343~ again, 127.0.0.1, 0.0.0.0, OS 10.0.17763.1, at 21:17:51.909');
    expect(r.text('fe80::1c2d:3e4f:5a6b:7c8d%12 and 2001:db8:0:1:2:3:4:5, not 12:34:56')).toBe('fd00::1 and fd00::2, not 12:34:56');
  });

  it('masks DOMAIN\\user and UPNs, keeping Windows\' own accounts', () => {
    const r = all();
    expect(r.text('Logon as CONTOSO\\sqlsvc and contoso\\SQLSVC; NT AUTHORITY\\SYSTEM; sqlsvc@contoso.com'))
      .toBe('Logon as DOMAIN-1\\user-1 and DOMAIN-1\\user-1; NT AUTHORITY\\SYSTEM; user-1@domain-1.example');
  });

  it('masks share and path names, keeping drives, Windows\' folders, system binaries and registry keys', () => {
    const r = all(['SQLNODE1', 'FS01']);
    expect(r.text('"C:\\ClusterStorage\\Volume1\\VMs\\Payroll-DB\\disk0.vhdx","C:\\Windows\\System32\\clussvc.exe"'))
      .toBe('"C:\\ClusterStorage\\Volume1\\path-1\\path-2\\path-3.vhdx","C:\\Windows\\System32\\clussvc.exe"');
    expect(r.text('witness \\\\FS01\\witness$\\e5f6 and HKLM\\Cluster\\Resources\\a1b2\\Parameters'))
      .toBe('witness \\\\HOST-1\\path-4\\path-5 and HKLM\\Cluster\\Resources\\a1b2\\Parameters');
  });

  it('masks what the user\'s patterns match, and refuses patterns that cannot be used', () => {
    const r = new Redactor({ categories: ['patterns'], hosts: [], patterns: ['AG-[A-Z]+\\d*', 'Payroll'] });
    expect(r.text('group AG-SALES1 moved; AG-SALES1 again; Payroll-DB')).toBe('group REDACTED-1 moved; REDACTED-1 again; REDACTED-2-DB');
    expect(patternProblem('(a+)+b')).toMatch(/exponential/);
    expect(patternProblem('x*')).toMatch(/matches empty text/);
    expect(patternProblem('[')).toMatch(/not a regular expression/);
    expect(patternProblem('AG-\\w+')).toBeNull();
  });

  it('says what it masked: each value, its token and how often', () => {
    const r = all();
    r.text('SQLNODE1 10.0.0.5 SQLNODE1 sqlnode1');
    expect(r.masked().filter((m) => m.category === 'hosts')).toEqual([{ category: 'hosts', value: 'SQLNODE1', token: 'HOST-1', count: 3 }]);
    expect(r.counts()).toEqual({ hosts: 1, ips: 1, users: 0, paths: 0, patterns: 0 });
  });

  it('adds and removes no line break', () => {
    const r = all();
    const text = 'a SQLNODE1\r\nb 10.1.2.3\nc C:\\Data\\x y\\z.txt\n';
    expect(r.text(text).split(/\r?\n/).length).toBe(text.split(/\r?\n/).length);
  });
});

describe('redacting an input and a view', async () => {
  const { redactBlob, redactInput, redactState, RedactError } = await import('../../src/share/redact-input.ts');
  const { contentHash } = await import('../../src/base/content-hash.ts');
  const { DEFAULT_EVENT_FILTER } = await import('../../src/engine/api.ts');

  it('keeps a UTF-16LE file UTF-16LE with its BOM, and a UTF-8 file\'s other characters as they were', async () => {
    const text = '\uFEFF00000a8c.00000b14::2020/05/11-21:17:48.802 INFO  [NODE] Node 2: SQLNODE1 from 10.1.2.3 café\r\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) new DataView(le.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    const out = new Uint8Array(await (await redactBlob(new Blob([le]), 'utf-16le', all())).arrayBuffer());
    expect([out[0], out[1]]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder('utf-16le').decode(out)).toBe(text.slice(1).replace('SQLNODE1', 'HOST-1').replace('10.1.2.3', '198.18.0.1'));
    const u8 = await redactInput(new Blob([new TextEncoder().encode(text.slice(1))]), 'utf-8', all());
    expect(await u8.blob.text()).toBe(text.slice(1).replace('SQLNODE1', 'HOST-1').replace('10.1.2.3', '198.18.0.1'));
    expect(u8.hash).toBe(contentHash(new Uint8Array(await u8.blob.arrayBuffer())));
  });

  it('masks a name that falls across two slices (whole lines at a time)', async () => {
    const line = 'x'.repeat(99) + '\n';
    const head = line.repeat(Math.floor((4 << 20) / 100)); // up to just under the first slice's end
    const text = head + 'y'.repeat((4 << 20) - head.length - 4) + 'SQLNODE1 end\n';
    const out = await (await redactBlob(new Blob([text]), 'utf-8', all())).text();
    expect(out.endsWith('HOST-1 end\n')).toBe(true);
    expect(out.length).toBe(text.length - 2);
  });

  it('refuses a code page whose characters can hold ASCII bytes', async () => {
    await expect(redactBlob(new Blob(['a']), 'shift_jis', all())).rejects.toBeInstanceOf(RedactError);
  });

  it('masks the view\'s names like the inputs\', lower-cased keys staying lower-cased', () => {
    const r = all();
    const v = redactState({
      v: 2, files: [{ name: 'SQLNODE1_cluster.log', size: 1, node: 'SQLNODE1' }],
      view: { minLevel: 0, components: ['RCM'], from: null, to: null, onlyHits: false, context: 0, expandAll: false, hiddenFiles: [] },
      search: { text: 'SQLNODE2', regex: false, caseSensitive: false }, timeMode: 'utc', domain: null,
      events: { ...DEFAULT_EVENT_FILTER, nodes: ['sqlnode2'] },
      timeline: { open: true, axis: 'sqlnode1', laneOrder: ['SQLNODE2', 'SQLNODE1'], hiddenLanes: ['sqlnode2'], collapsedLanes: [], hiddenTracks: [], collapsedTracks: ['sqlnode1\u0000join'], expandedTracks: [], expandedGroups: [] },
      selected: null, notes: [{ text: 'SQLNODE2 lost 10.0.0.7', t: 1 }],
    }, r);
    expect(v.files[0]).toEqual({ name: 'HOST-1_cluster.log', size: 1, node: 'HOST-1' });
    expect(v.search!.text).toBe('HOST-2');
    expect(v.events.nodes).toEqual(['host-2']);
    expect(v.timeline.laneOrder).toEqual(['HOST-2', 'HOST-1']);
    expect(v.timeline.axis).toBe('host-1');
    expect(v.timeline.collapsedTracks).toEqual(['host-1\u0000join']);
    expect(v.notes[0].text).toBe('HOST-2 lost 198.18.0.1');
  });
});
