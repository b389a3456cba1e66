// Catalogue examples as log lines, for the tests (the catalogue and extraction tests).

const PREFIX_RE = /^(?:\[(?:System|Operational|Verbose)\] )?[0-9a-fA-F]{1,8}\.[0-9a-fA-F]{1,8}::\d{4}\//;
const TIME_ONLY = /^\d{2}:\d{2}:\d{2}\.\d{3}\s+(?:(?:INFO|WARN|ERR|DBG)\s+)?/;
const LEVEL_ONLY = /^(?:INFO|WARN|ERR|DBG)\s+/;

/** formats.md often quotes a message without its prefix: give it one so the indexer sees a record. */
export function asLogLine(example: string): string {
  if (PREFIX_RE.test(example)) return example;
  const msg = example.replace(TIME_ONLY, '').replace(LEVEL_ONLY, '');
  return `00000b50.00000810::2018/10/18-19:17:38.723 INFO  ${msg}`;
}
