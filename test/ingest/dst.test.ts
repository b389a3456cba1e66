// A log in local time that spans a daylight-saving change gets a warning (issue #2, section 4).
import { describe, expect, it } from 'vitest';
import { indexBytes } from '../../src/ingest/index.ts';

const header = (offsetMin: number, local: boolean) => [
  '[=== Cluster ===]',
  'Build Number 17763',
  `UTC = localtime + time zone offset; the time zone offset of this machine is ${offsetMin} minutes, or ${offsetMin / 60} hours`,
  ...(local ? ['The logs were generated using local time'] : []),
  'Current node: name (SQLN1) id (1)',
  '[=== Cluster Logs ===]',
];
const rec = (d: string) => `00001214.00001884::${d} INFO  [RCM] something happened`;
const facts = (lines: string[]) => indexBytes(new TextEncoder().encode(lines.join('\r\n') + '\r\n')).facts;

describe('daylight-saving warning', () => {
  it('warns when a US Pacific local-time log spans the November change', () => {
    const f = facts([...header(420, true), rec('2024/11/02-23:00:00.000'), rec('2024/11/04-01:00:00.000')]);
    expect(f.timeBase).toMatchObject({ base: 'local', utcOffsetMinutes: -420 });
    expect(f.warnings.join('\n')).toMatch(/spans 2024-11-03, a daylight-saving change in US\/Canada time zones/);
  });
  it('warns for a European offset across the last Sunday of March', () => {
    const f = facts([...header(-60, true), rec('2024/03/30-12:00:00.000'), rec('2024/04/01-12:00:00.000')]);
    expect(f.warnings.join('\n')).toMatch(/spans 2024-03-31, a daylight-saving change in European/);
  });
  it('says nothing when the span does not cross a change', () => {
    const f = facts([...header(420, true), rec('2024/08/08-06:50:00.000'), rec('2024/08/09-06:50:00.000')]);
    expect(f.warnings.join('\n')).not.toMatch(/daylight/);
  });
});
