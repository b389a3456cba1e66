// Redaction (issue 12): masks what identifies a customer in the text that leaves the browser
// (the case file's inputs and view, exports, copied text): host and node names, IP addresses,
// domain and user names, share and path names, and whatever the user's patterns match. It is
// consistent: the same value gets the same token everywhere (in every file, the view, the notes),
// so the logs still read as one story. Tokens keep the shape parsers rely on: an IPv4 address
// becomes an address of 198.18.0.0/15 (reserved for tests), a name a name, a path a path, and a
// line stays one line. The map of values to tokens never leaves the tab.

import { catastrophicShape } from '../store/regex-risk.ts';

export const REDACT_CATEGORIES = ['hosts', 'ips', 'users', 'paths', 'patterns'] as const;
export type RedactCategory = (typeof REDACT_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<RedactCategory, string> = {
  hosts: 'host and node names (and their domains)',
  ips: 'IP addresses',
  users: 'domain and user names',
  paths: 'share and path names',
  patterns: 'your patterns',
};

export interface RedactOptions {
  categories: readonly RedactCategory[];
  /** Names known to be hosts (the nodes, the hosts the logs name): matched whole, in any case. */
  hosts: readonly string[];
  /** The user's regular expressions (JavaScript syntax), each matched whole. */
  patterns: readonly string[];
}

/** One value and what it became. */
export interface Masked {
  category: RedactCategory;
  value: string;
  token: string;
  count: number;
}

/** Folder and file names kept in paths: Windows' own, not a customer's. */
const KEPT_PATH_PARTS = new Set([
  'windows', 'system32', 'syswow64', 'sysnative', 'winsxs', 'drivers', 'etc', 'config', 'tasks', 'logs', 'log', 'temp', 'tmp', 'cluster', 'reports',
  'program files', 'program files (x86)', 'programdata', 'microsoft', 'users', 'public', 'default', 'appdata', 'local', 'roaming', 'clusterstorage',
  'microsoft sql server', 'data', 'backup', 'inetpub', 'wwwroot', 'hyper-v', 'virtual machines', 'virtual hard disks', 'snapshots', 'winevt',
  'system volume information', '$recycle.bin', 'diagnosis', 'debug', 'minidump', 'memory.dmp', 'pagefile.sys', 'hiberfil.sys', 'mssql',
]);
/** Well-known account domains kept in DOMAIN\user. */
const KEPT_DOMAINS = new Set(['nt authority', 'builtin', 'nt service', 'window manager', 'font driver host', 'iis apppool', 'nt virtual machine', 'workgroup']);
/** System binaries and files keep their names in paths (their names are Windows', not a customer's). */
const SYSTEM_FILE = /^[\w.-]+\.(dll|exe|sys|mui|cat|inf|etl|evtx|msc|cpl|drv|ocx)$/i;

const IPV4 = String.raw`(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d.])`;
const IPV6 = String.raw`(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%\d+)?(?![\w:])`;
const UNC = String.raw`\\\\[A-Za-z0-9][\w.$-]*(?:\\[^\\\s,"'<>|*?]+)+`;
const DRIVE = String.raw`(?<![\w])[A-Za-z]:\\(?:[^\\\s,"'<>|*?]+(?: [^\\\s,"'<>|*?]+)*\\?)*`;
const REGISTRY = String.raw`(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+|\\REGISTRY)\\[^\s,"']*`;
const KEPT_ACCOUNT = String.raw`(?<![\w\\])(?:NT AUTHORITY|NT SERVICE|NT VIRTUAL MACHINE|Window Manager|Font Driver Host|IIS APPPOOL)\\[\w$.-]+`;
const USER = String.raw`(?<![\w\\.])[A-Za-z][\w.-]{0,30}\\[A-Za-z$][\w.$-]{0,63}(?![\w\\])`;
const UPN = String.raw`(?<![\w.-])[A-Za-z][\w.-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why a user pattern cannot be used (null: it can). */
export function patternProblem(p: string): string | null {
  try {
    new RegExp(p, 'u');
  } catch (e) {
    return `${p} is not a regular expression: ${(e as Error).message}`;
  }
  if (new RegExp(p, 'u').test('')) return `${p} matches empty text`;
  const why = catastrophicShape(p, 'u');
  return why ? `${p} can take exponential time on a line: ${why}` : null;
}

export class Redactor {
  private readonly re: RegExp;
  /** Which alternative each capture group of `re` is. */
  private readonly kinds: string[] = [];
  /** Values by token family ('host', 'domain', 'ip4', …): each family numbers its own tokens. */
  private readonly maps = new Map<string, Map<string, Masked>>();
  private readonly on: Set<RedactCategory>;
  private readonly hostSet: Set<string>;

  constructor(readonly opts: RedactOptions) {
    this.on = new Set(opts.categories);
    this.hostSet = new Set(opts.hosts.filter((h) => h.length >= 2).map((h) => h.toLowerCase()));
    const alts: [string, string][] = [];
    // Order matters where two can start at one place: paths and registry keys before DOMAIN\user.
    if (this.on.has('patterns')) opts.patterns.forEach((p, i) => alts.push([`pattern${i}`, p]));
    alts.push(['registry', REGISTRY]);
    if (this.on.has('paths') || this.on.has('hosts')) alts.push(['unc', UNC]);
    if (this.on.has('paths')) alts.push(['drive', DRIVE]);
    if (this.on.has('users')) alts.push(['kept', KEPT_ACCOUNT], ['upn', UPN], ['user', USER]);
    if (this.on.has('ips')) alts.push(['ipv4', IPV4], ['ipv6', IPV6]);
    if (this.on.has('hosts') && this.hostSet.size) {
      const names = [...this.hostSet].sort((a, b) => b.length - a.length).map(escape).join('|');
      // A host, and its DNS domain when written as an FQDN.
      alts.push(['host', String.raw`(?<![A-Za-z0-9-])(?:${names})(?:\.[A-Za-z0-9-]+)*(?![A-Za-z0-9-])`]);
    }
    this.kinds = alts.map(([k]) => k);
    this.re = new RegExp(alts.map(([, p]) => `(${p})`).join('|'), 'giu');
  }

  private token(category: RedactCategory, family: string, key: string, value: string, make: (n: number) => string): string {
    let map = this.maps.get(family);
    if (!map) {
      map = new Map();
      this.maps.set(family, map);
    }
    let m = map.get(key);
    if (!m) {
      m = { category, value, token: make(map.size + 1), count: 0 };
      map.set(key, m);
    }
    m.count++;
    return m.token;
  }

  private host(name: string): string {
    const dot = name.indexOf('.');
    const base = dot < 0 ? name : name.slice(0, dot);
    const t = this.token('hosts', 'host', base.toLowerCase(), base, (n) => `HOST-${n}`);
    if (dot < 0) return t;
    const domain = name.slice(dot + 1);
    return `${t}.${this.token('hosts', 'domain', domain.toLowerCase(), domain, (n) => `domain-${n}.example`)}`;
  }

  private pathPart(part: string, first: boolean): string {
    const low = part.toLowerCase();
    if (KEPT_PATH_PARTS.has(low) || /^volume\d+$/i.test(part) || /^mssql\d+\.\w+$/i.test(part) || (SYSTEM_FILE.test(part) && !this.namesHost(part))) return part;
    if (first && this.on.has('hosts') && this.hostSet.has(low)) return this.host(part);
    if (!this.on.has('paths')) return part;
    const dot = part.lastIndexOf('.');
    const ext = dot > 0 && part.length - dot <= 6 ? part.slice(dot) : '';
    return this.token('paths', 'path', low, part, (n) => `path-${n}`) + ext;
  }

  private namesHost(part: string): boolean {
    const low = part.toLowerCase();
    for (const h of this.hostSet) if (low.includes(h)) return true;
    return false;
  }

  /** The text with every match masked (no line breaks are added or removed). */
  text(s: string): string {
    return s.replace(this.re, (m: string, ...groups: unknown[]) => {
      const k = groups.findIndex((g, i) => i < this.kinds.length && g !== undefined);
      const kind = this.kinds[k];
      switch (kind) {
        case 'registry':
        case 'kept':
          return m;
        case 'ipv4': {
          if (/^(0\.0\.0\.0|127\.|255\.|224\.|169\.254\.)/.test(m)) return m; // not a customer's
          return this.token('ips', 'ip4', m, m, (n) => `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`);
        }
        case 'ipv6': {
          // Times (12:34:56) and other colon runs are not addresses: an address has '::' or 7 colons and hex.
          const colons = m.split(':').length - 1;
          if (!(m.includes('::') || colons === 7) || !/[0-9a-f]{2}/i.test(m) || m === '::' || m === '::1') return m;
          return this.token('ips', 'ip6', m.toLowerCase(), m, (n) => `fd00::${n.toString(16)}`);
        }
        case 'user': {
          const slash = m.indexOf('\\');
          const dom = m.slice(0, slash);
          if (KEPT_DOMAINS.has(dom.toLowerCase())) return m;
          const d = this.hostSet.has(dom.toLowerCase()) && this.on.has('hosts') ? this.host(dom) : this.token('users', 'account-domain', dom.toLowerCase(), dom, (n) => `DOMAIN-${n}`);
          return `${d}\\${this.token('users', 'user', m.slice(slash + 1).toLowerCase(), m.slice(slash + 1), (n) => `user-${n}`)}`;
        }
        case 'upn': {
          const at = m.indexOf('@');
          return `${this.token('users', 'user', m.slice(0, at).toLowerCase(), m.slice(0, at), (n) => `user-${n}`)}@${this.token('hosts', 'domain', m.slice(at + 1).toLowerCase(), m.slice(at + 1), (n) => `domain-${n}.example`)}`;
        }
        case 'unc': {
          const parts = m.slice(2).split('\\');
          const server = this.host(parts[0]);
          return `\\\\${[server, ...parts.slice(1).map((p) => this.pathPart(p, false))].join('\\')}`;
        }
        case 'drive': {
          const parts = m.split('\\');
          return [parts[0], ...parts.slice(1).map((p) => (p ? this.pathPart(p, false) : p))].join('\\');
        }
        case 'host':
          return this.host(m);
        default:
          return kind?.startsWith('pattern') ? this.token('patterns', 'pattern', m, m, (n) => `REDACTED-${n}`) : m;
      }
    });
  }

  /** What was masked so far, by category, most frequent first. */
  masked(): Masked[] {
    const all = [...this.maps.values()].flatMap((m) => [...m.values()]);
    return REDACT_CATEGORIES.flatMap((c) => all.filter((m) => m.category === c).sort((a, b) => b.count - a.count));
  }

  /** How many values were masked per category. */
  counts(): Record<RedactCategory, number> {
    const out = Object.fromEntries(REDACT_CATEGORIES.map((c) => [c, 0])) as Record<RedactCategory, number>;
    for (const m of this.maps.values()) for (const v of m.values()) out[v.category]++;
    return out;
  }
}
