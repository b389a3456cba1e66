import { describe, expect, it } from 'vitest';
import { messageStart } from './message-start.ts';

// Real lines quoted in formats.md (one per era), and what the raw view's Line column shows of them.
const CASES: Array<[string, string]> = [
  ['000076c4.0000d8a8::2024/08/08-06:30:11.527 INFO  [RCM] rcm::RcmGroup::Move: Moving group ag1023 to node 1', '[RCM] rcm::RcmGroup::Move: Moving group ag1023 to node 1'],
  ['[System] 000005e4.00000f6c::2017/10/23-21:21:54.410 INFO  Cluster node \'ze-2016-v2\' was removed from the active failover cluster membership.', 'Cluster node \'ze-2016-v2\' was removed from the active failover cluster membership.'],
  ['0000ab34.0000a7c0::2014/06/10-07:54:38.433 ERR   [QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)', '[QUORUM] Node 8: Lost quorum (3 4 5 6 7 8)'],
  ['00000a10.00000b20::2003/01/07-12:34:56.789 [FM] FmpRmOnlineResource: Resource 1c3ad7a6 state 129', '[FM] FmpRmOnlineResource: Resource 1c3ad7a6 state 129'],
];

describe('messageStart', () => {
  for (const [line, msg] of CASES) {
    it(`finds the message of ${JSON.stringify(line.slice(0, 40))}…`, () => {
      expect(line.slice(messageStart(line))).toBe(msg);
    });
  }
  it('is -1 for a line that starts no record', () => {
    expect(messageStart('Run the Validate a Configuration wizard to check your network configuration.')).toBe(-1);
    expect(messageStart('')).toBe(-1);
  });
});
