import { describe, expect, it } from 'vitest';
import { DAY_HALF_MARKERS } from '../formats/captures.ts';
import { DayRoller, DAY_MS, formatTimeOfDay, parseClockFast, parseTimeOfDay } from './time-of-day.ts';

const read = (s: string) => {
  const r = parseTimeOfDay(s);
  if (!r.ok) throw new Error(`${s}: ${r.reason}`);
  return formatTimeOfDay(r);
};

describe('time of day', () => {
  for (const m of DAY_HALF_MARKERS) {
    it(`marker ${m.text} (${m.locale}, ${m.status}): ${m.example} reads ${m.reads}`, () => {
      const r = parseTimeOfDay(m.example);
      expect(r.ok && r.marker).toBe(m);
      expect(read(m.example)).toBe(m.reads);
    });
  }

  it('24-hour clocks with a dot or a comma, 0 to 9 digits, kept to the nanosecond', () => {
    expect(read('16:53:03,6001516')).toBe('16:53:03.6001516');
    expect(read('18:40:23.1038915')).toBe('18:40:23.1038915');
    expect(read('23:59:59')).toBe('23:59:59');
    expect(read('01:02:03.123456789')).toBe('01:02:03.123456789');
    const r = parseTimeOfDay('00:00:00.0000001');
    expect(r.ok && [r.msOfDay, r.nsInMs, r.digits]).toEqual([0, 100, 7]);
    const late = parseTimeOfDay('23:59:59.9999999');
    expect(late.ok && [late.msOfDay, late.nsInMs]).toEqual([DAY_MS - 1, 999_900]);
  });

  it('12 AM is midnight and 12 PM is noon; the hour need not be padded', () => {
    expect(read('12:00:00.0000000 AM')).toBe('00:00:00.0000000');
    expect(read('12:30:00.5 PM')).toBe('12:30:00.5');
    expect(read('1:32:07.9786378 PM')).toBe('13:32:07.9786378');
    expect(read('10:29:05.0593693 am')).toBe('10:29:05.0593693');
  });

  it('rejects what is not a time, and says when the hour was lost (Excel mm:ss.f)', () => {
    expect(parseTimeOfDay('13:00:00 PM')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseTimeOfDay('24:00:00')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseTimeOfDay('0:00:00 AM')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseTimeOfDay('10:61:00')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseTimeOfDay('Process Start')).toEqual({ ok: false, reason: 'unrecognized' });
    expect(parseTimeOfDay('')).toEqual({ ok: false, reason: 'unrecognized' });
    expect(parseTimeOfDay('47:57.9')).toEqual({ ok: false, reason: 'hour-lost', msOfHour: (47 * 60 + 57) * 1000 + 900, nsInMs: 0, digits: 1 });
  });

  it('DayRoller moves to the next day when the clock steps back more than 12 hours', () => {
    const day0 = Date.UTC(2024, 7, 8);
    const d = new DayRoller(day0);
    const at = (s: string) => {
      const r = parseTimeOfDay(s);
      if (!r.ok) throw new Error(s);
      return d.at(r.msOfDay);
    };
    expect(at('23:59:59.9')).toBe(day0 + DAY_MS - 100);
    expect(at('23:59:59.8')).toBe(day0 + DAY_MS - 200); // a small step back stays on its day
    expect(at('00:00:00.1')).toBe(day0 + DAY_MS + 100);
    expect(at('12:00:00')).toBe(day0 + DAY_MS + DAY_MS / 2);
    expect(d.rollovers).toBe(1);
  });
});

describe('parseClockFast', () => {
  it('reads what parseTimeOfDay reads for the common forms, and leaves the rest to it', () => {
    const out = { msOfDay: 0, nsInMs: 0, digits: 0 };
    for (const t of ['7:21:49.0877812 AM', '12:00:00.0000001 AM', '12:30:00.5 PM', '8:35:21.1680000 PM', '16:53:03,6001516', '00:00:00', '23:59:59.999999999', '9:05:01.1234567']) {
      const slow = parseTimeOfDay(t);
      expect(parseClockFast(t, out), t).toBe(true);
      expect(slow.ok && [slow.msOfDay, slow.nsInMs, slow.digits], t).toEqual([out.msOfDay, out.nsInMs, out.digits]);
    }
    for (const t of ['上午 01:09:44.8222664', '10:00:00,5 vorm.', '47:57.9', '24:00:00', '13:00:00 PM', '1:60:00', 'x', '', '1:00:00.']) expect(parseClockFast(t, out), t).toBe(false);
  });
});
