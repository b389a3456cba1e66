import { describe, expect, it } from 'vitest';
import { STATE_CODES, STATUS_CODES, stateCode, statusCode, type StateObject } from './codes.ts';

const OBJECTS: StateObject[] = ['resource', 'group', 'node', 'network', 'interface'];

describe('status codes', () => {
  it('every entry decodes to itself and is complete', () => {
    const seen = new Set<number>();
    for (const e of STATUS_CODES) {
      expect(seen.has(e.code), String(e.code)).toBe(false);
      seen.add(e.code);
      expect(statusCode(e.code)).toEqual(e);
      expect(e.known).toBe(true);
      expect(e.name).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.meaning.length, e.name).toBeGreaterThan(5);
      expect(e.ref.length, e.name).toBeGreaterThan(0);
    }
  });
  it('holds the codes formats.md B.8 lists', () => {
    for (const n of [5, 997, 1226, 1460, 1722, 5023, 5035, 5036, 5037, 5038, 5050, 5051, 5052, 5073, 5074, 5075, 5083, 5890, 5892, 5925, 10060, 234, 590610]) {
      expect(statusCode(n).known, String(n)).toBe(true);
    }
    expect(statusCode(997)).toMatchObject({ name: 'ERROR_IO_PENDING', verified: 'V' });
    expect(statusCode(5925).name).toBe('ERROR_CLUSTER_NO_QUORUM');
    expect(statusCode(10060).verified).toBe('I');
  });
  it('decodes an HRESULT of a Win32 error to the Win32 entry', () => {
    const e = statusCode(0x80070490);
    expect(e).toMatchObject({ code: 0x80070490, known: true, verified: 'V' });
    expect(e.name).toBe('ERROR_NOT_FOUND (HRESULT 0x80070490)');
    // The same HRESULT written as a signed 32-bit number.
    expect(statusCode(0x80070490 | 0).name).toBe('ERROR_NOT_FOUND (HRESULT 0x80070490)');
    expect(statusCode(0x80070005).name).toBe('ERROR_ACCESS_DENIED (HRESULT 0x80070005)');
  });
  it('marks unknown codes as unknown', () => {
    expect(statusCode(4242)).toEqual({ code: 4242, name: 'Win32 error 4242', meaning: 'not in the table', verified: 'U', ref: 'B.8', known: false });
    expect(statusCode(0x80004005)).toMatchObject({ name: 'HRESULT 0x80004005', known: false, verified: 'U' });
    expect(statusCode(0x80070bad)).toMatchObject({ name: 'HRESULT 0x80070bad (Win32 error 2989)', known: false });
    expect(statusCode(-7).known).toBe(false);
  });
});

describe('state codes', () => {
  it('every entry decodes to itself', () => {
    for (const o of OBJECTS) {
      const seen = new Set<number>();
      expect(STATE_CODES[o].length, o).toBeGreaterThan(0);
      for (const e of STATE_CODES[o]) {
        expect(seen.has(e.code), `${o} ${e.code}`).toBe(false);
        seen.add(e.code);
        expect(stateCode(o, e.code)).toEqual(e);
        expect(e.known).toBe(true);
        expect(e.meaning.length).toBeGreaterThan(1);
      }
      expect(stateCode(o, -1).name).toMatch(/Unknown$/);
    }
  });
  it('decodes per object type', () => {
    expect(stateCode('group', 0).name).toBe('ClusterGroupOnline');
    expect(stateCode('group', 206).known).toBe(false);
    expect(stateCode('resource', 129).name).toBe('ClusterResourceOnlinePending');
    expect(stateCode('resource', 2).name).toBe('ClusterResourceOnline');
    expect(stateCode('group', 2).name).toBe('ClusterGroupFailed');
    expect(stateCode('node', 1).name).toBe('ClusterNodeDown');
    expect(stateCode('network', 2).name).toBe('ClusterNetworkPartitioned');
    expect(stateCode('interface', 2).name).toBe('ClusterNetInterfaceUnreachable');
  });
  it('marks unknown states as unknown', () => {
    expect(stateCode('node', 9)).toEqual({ code: 9, name: 'state 9', meaning: 'not in the table', verified: 'U', ref: 'A.4', known: false });
  });
});
