// Dialect detection from the structure of a file's first lines (formats.md A.9 step 3):
// sections and channel prefixes mean 2016+; no level words means 2000; optional levels,
// old component names, `Local Time is` or resource-DLL lines without [RES] mean 2003;
// a level on every record with ETW-era components means 2008-2012 R2.

import { DIALECTS, ETW_COMPONENTS, OLD_COMPONENTS } from '../formats/dialects.ts';
import { CompKind, parseRecordPrefix, type PrefixResult, type Units } from './prefix.ts';
import type { DialectId } from './types.ts';

export interface DialectGuess {
  dialect: DialectId;
  evidence: string;
  /** Text copied from a viewer or a web page (line numbers, curly quotes). */
  pasted: boolean;
}

const MAX_LINES = 2000;

export function detectDialect(u: Units, r: PrefixResult, utf8: boolean): DialectGuess {
  let sections = 0;
  let channels = 0;
  let records = 0;
  let nt4 = 0;
  let withLevel = 0;
  let unpadded = 0;
  let oldComps = 0;
  let etwComps = 0;
  let resDll = 0;
  let localTimeIs = 0;
  let viewer = 0;
  let typographic = 0;
  let lines = 0;
  let s = 0;
  const len = u.length;
  while (s < len && lines < MAX_LINES) {
    let e = s;
    while (e < len && u[e] !== 10 && u[e] !== 13) e++;
    lines++;
    if (e > s) {
      if (u[s] === 91 && u[s + 1] === 61 && u[s + 2] === 61 && u[s + 3] === 61) sections++;
      else if (parseRecordPrefix(u, s, e, r, utf8)) {
        records++;
        if (r.channel) channels++;
        if (r.viewer) viewer++;
        if (r.nt4Day >= 0) nt4++;
        if (r.level !== 0) withLevel++;
        if (r.pid >= 0 && !isPadded(u, s, e)) unpadded++;
        if (r.compKind === CompKind.Tag) {
          let name = '';
          for (let i = r.compStart; i < r.compEnd; i++) name += String.fromCharCode(u[i]);
          if (OLD_COMPONENTS.has(name)) oldComps++;
          else if (ETW_COMPONENTS.has(name)) etwComps++;
        } else if (r.compKind === CompKind.ResourceDll) resDll++;
        if (u[r.msgStart] === 76 && u[r.msgStart + 6] === 84 && u[r.msgStart + 1] === 111) localTimeIs++;
      }
      for (let i = s; i < e; i++) {
        const c = u[i];
        if (c < 0x80) continue;
        if (utf8 ? c === 0xe2 && u[i + 1] === 0x80 && (u[i + 2] === 0x98 || u[i + 2] === 0x99 || u[i + 2] === 0x94 || u[i + 2] === 0x93) : c === 0x2018 || c === 0x2019 || c === 0x2013 || c === 0x2014) typographic++;
      }
    }
    s = e + 1;
    if (u[e] === 13 && u[e + 1] === 10) s++;
  }
  const pasted = viewer > 0 || typographic > 0;
  const pct = (a: number, b: number) => `${Math.round((100 * a) / Math.max(1, b))}%`;
  if (sections > 0 || channels > 0) {
    return {
      dialect: 'w2016', pasted,
      evidence: sections > 0 ? `Get-ClusterLog sections ([=== … ===] markers: ${sections} in the first lines).` : `Event-channel lines ([System]/[Operational]/[Verbose]: ${channels}).`,
    };
  }
  if (records === 0) return { dialect: 'unknown', pasted, evidence: 'No line starts with a PID.TID::timestamp prefix.' };
  if (nt4 * 2 > records) return { dialect: 'nt4', pasted, evidence: `TID::DD-HH:MM:SS.mmm lines (${nt4}): only the day of month is logged.` };
  const levelShare = withLevel / records;
  if (levelShare < 0.05) {
    return { dialect: 'w2000', pasted, evidence: `No level words on ${records} records${unpadded ? `; unpadded hex ids on ${pct(unpadded, records)}` : ''}.` };
  }
  const reasons: string[] = [];
  if (localTimeIs) reasons.push('a `Local Time is` line');
  if (oldComps > etwComps) reasons.push(`Windows 2000/2003 components (${oldComps} vs ${etwComps})`);
  if (resDll > 0) reasons.push(`resource-DLL lines without [RES] (${resDll})`);
  if (levelShare < 0.9) reasons.push(`level words on only ${pct(withLevel, records)} of records`);
  if (unpadded * 2 > records) reasons.push(`unpadded hex ids (${pct(unpadded, records)})`);
  if (reasons.length > 0) return { dialect: 'w2003', pasted, evidence: `${DIALECTS.w2003.label}: ${reasons.join(', ')}.` };
  return {
    dialect: 'w2008', pasted,
    evidence: `A level on ${pct(withLevel, records)} of records, ETW-era components, no Get-ClusterLog sections.`,
  };
}

/** PID.TID both written with 8 hex digits (after the optional viewer number and channel). */
function isPadded(u: Units, s: number, e: number): boolean {
  // Find the first '.' that precedes '::' and measure the hex runs around it.
  for (let i = s; i < Math.min(e, s + 40); i++) {
    if (u[i] === 46 && u[i + 9] === 58 && u[i + 10] === 58) {
      let h = 0;
      for (let j = i - 1; j >= s && isHex(u[j]); j--) h++;
      return h === 8;
    }
  }
  return false;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
