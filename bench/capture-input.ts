// The capture figure's input: a Process Monitor CSV export of about 100 MB with every field
// quoted (as Procmon writes it), clussvc/rhs and background processes, quoted commas, doubled
// quotes and the odd bare CR inside Detail. Deterministic; written once into bench/out/captures/.
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { rngFor } from '../src/generator/prng.ts';

export const CAPTURE_BYTES = 100e6;

const PROCS = [['clussvc.exe', 3352], ['rhs.exe', 2900], ['rhs.exe', 4100], ['svchost.exe', 1012], ['MsMpEng.exe', 3120], ['lsass.exe', 700]] as const;
const OPS = [
  ['RegQueryValue', 'HKLM\\Cluster\\Resources\\{8f3a2b10-5c1d-4e6f-9a7b-0c1d2e3f4a5b}\\PersistentState', 'SUCCESS', 'Type: REG_DWORD, Length: 4, Data: 1'],
  ['RegOpenKey', 'HKLM\\System\\CurrentControlSet\\Services\\ClusSvc\\Parameters', 'NAME NOT FOUND', 'Desired Access: Read'],
  ['ReadFile', 'C:\\Windows\\Cluster\\CLUSDB', 'SUCCESS', 'Offset: 1,048,576, Length: 4,096, I/O Flags: Non-cached, Paging I/O, Priority: Normal'],
  ['CreateFile', 'C:\\Windows\\Cluster\\Reports\\Cluster.log', 'SHARING VIOLATION', 'Desired Access: Generic Read, Disposition: Open, Options: Synchronous IO Non-Alert, Attributes: n/a, ShareMode: Read, Write'],
  ['TCP Send', 'SVR12:56450 -> SVR13:3343', 'SUCCESS', 'Length: 112, startime: 12345, endtime: 12346, seqnum: 0, connid: 0'],
  ['Process Start', '', 'SUCCESS', 'Parent PID: 644, Command line: "C:\\Windows\\Cluster\\rhs.exe" -key ""Resource Host"", Environment: \r;\tALLUSERSPROFILE=C:\\ProgramData\r;\tPATH=C:\\Windows\\system32'],
] as const;

/** Writes the file when it is missing; returns its path and size. */
export async function ensureCaptureInput(path: string): Promise<{ path: string; bytes: number; rows: number }> {
  const rows = Number.POSITIVE_INFINITY; // until the size is reached
  if (existsSync(path) && Math.abs(statSync(path).size - CAPTURE_BYTES) / CAPTURE_BYTES < 0.05) return { path, bytes: statSync(path).size, rows: -1 };
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const rng = rngFor(7, 'bench-capture');
  const q = (s: string | number) => `"${String(s).replaceAll('"', '""')}"`;
  out.write('\uFEFF"Time of Day","Process Name","PID","Operation","Path","Result","Detail","TID"\r\n');
  let ms = (21 * 3600 + 17 * 60) * 1000;
  let written = 0;
  let batch: string[] = [];
  for (let i = 0; i < rows && written < CAPTURE_BYTES; i++) {
    ms += rng.range(0, 0.4);
    const [proc, pid] = PROCS[rng.int(0, PROCS.length - 1)];
    const [op, p, result, detail] = OPS[i % 97 === 0 ? 5 : rng.int(0, 4)];
    const h = Math.floor(ms / 3_600_000) % 24;
    const t = `${h % 12 === 0 ? 12 : h % 12}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}.${String(Math.floor((ms % 1000) * 10_000)).padStart(7, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    const line = [q(t), q(proc), q(pid), q(op), q(p), q(result), q(detail), q(pid + 4)].join(',') + '\r\n';
    written += Buffer.byteLength(line);
    batch.push(line);
    if (batch.length === 4096) {
      if (!out.write(batch.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = [];
    }
  }
  out.write(batch.join(''));
  await new Promise<void>((r) => out.end(r));
  return { path, bytes: statSync(path).size, rows: -1 };
}
