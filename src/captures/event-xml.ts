// Windows event logs saved as XML (Event Viewer's "Save as… XML", `wevtutil qe /f:xml`,
// `Get-WinEvent | … ToXml()`): each `<Event>` element becomes one row of the cells an event-log
// CSV export has, so that the capture indexer reads it like one. Streaming: text comes in
// slices and only whole `<Event>…</Event>` elements are taken; a scan that is linear in the text
// (indexOf and simple patterns, no DOM: workers have none). Pure.

/** The columns an XML event row gets (CAPTURE_COLUMNS' event-log roles find them by name). */
export const EVENT_XML_HEADER = ['TimeCreated', 'ProviderName', 'Id', 'Level', 'Task Category', 'Message', 'ProcessId', 'ThreadId', 'Computer'] as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** The text of the first `<tag …>text</tag>` inside `xml` ('' when absent or empty). */
function element(xml: string, tag: string): string {
  const open = new RegExp(`<${tag}(?:\\s[^>]*)?(/?)>`).exec(xml);
  if (!open || open[1] === '/') return '';
  const from = open.index + open[0].length;
  const to = xml.indexOf(`</${tag}>`, from);
  return to < 0 ? '' : unescapeXml(xml.slice(from, to).trim());
}

/** An attribute of the first `<tag …>` inside `xml`, or ''. */
function attribute(xml: string, tag: string, name: string): string {
  const open = new RegExp(`<${tag}\\s[^>]*?\\b${name}=(['"])(.*?)\\1`).exec(xml);
  return open ? unescapeXml(open[2]) : '';
}

/** One `<Event>` element's cells, in EVENT_XML_HEADER's order. */
export function eventCells(xml: string): string[] {
  const system = element(xml, 'System') || xml;
  // The message as rendered (Event Viewer writes RenderingInfo), else the event's data values.
  let message = element(xml, 'Message');
  if (!message) {
    const data: string[] = [];
    const re = /<Data(?:\s+Name=(['"])(.*?)\1)?\s*(?:\/>|>([\s\S]*?)<\/Data>)/g;
    for (let m = re.exec(xml); m; m = re.exec(xml)) if (m[3]?.trim()) data.push(m[2] ? `${m[2]}: ${unescapeXml(m[3].trim())}` : unescapeXml(m[3].trim()));
    message = data.join('\n');
  }
  return [
    attribute(system, 'TimeCreated', 'SystemTime'),
    attribute(system, 'Provider', 'Name') || attribute(system, 'Provider', 'EventSourceName'),
    element(system, 'EventID'),
    element(system, 'Level'),
    element(xml, 'Task') && !/^\d+$/.test(element(xml, 'Task')) ? element(xml, 'Task') : '',
    message,
    attribute(system, 'Execution', 'ProcessID'),
    attribute(system, 'Execution', 'ThreadID'),
    element(system, 'Computer'),
  ];
}

/** Splits streamed XML text into whole `<Event>` elements (what is left waits for the next slice). */
export class EventXmlSplitter {
  private carry = '';

  /** The complete events in `text` (after what was carried); `final`: the input ended. */
  push(text: string, final: boolean): string[] {
    const s = this.carry + text;
    const out: string[] = [];
    let at = 0;
    let rest = '';
    for (;;) {
      const start = findEventStart(s, at);
      if (start < 0) {
        // No event opens here: keep the tail that may be the start of an `<Event` cut by the slice.
        rest = s.slice(Math.max(at, s.length - 7));
        break;
      }
      const end = s.indexOf('</Event>', start);
      if (end < 0) {
        rest = s.slice(start);
        break;
      }
      out.push(s.slice(start, end + 8));
      at = end + 8;
    }
    this.carry = final ? '' : rest;
    return out;
  }
}

/** Where the next `<Event>` or `<Event xmlns=…>` opens (not `<Events>` or `<EventData>`), or -1. */
function findEventStart(s: string, from: number): number {
  for (let i = s.indexOf('<Event', from); i >= 0; i = s.indexOf('<Event', i + 6)) {
    const c = s[i + 6];
    if (c === '>' || c === ' ' || c === '\t' || c === '\r' || c === '\n') return i;
    if (c === undefined) return -1;
  }
  return -1;
}
