// Shard worker: parses the files it is given and serves their text and search.
import { Shard } from '../engine/shard.ts';
import type { ViewToShard } from '../engine/protocol.ts';
import type { FromReader } from '../engine/reader.ts';

self.onmessage = (e: MessageEvent<{ port: MessagePort; reader?: MessagePort }>) => {
  const { port, reader } = e.data;
  const shard = new Shard((msg, transfer) => port.postMessage(msg, transfer ?? []), reader ? (m) => reader.postMessage(m) : undefined);
  port.onmessage = (m: MessageEvent<ViewToShard>) => shard.handle(m.data);
  if (reader) reader.onmessage = (m: MessageEvent<FromReader>) => shard.fromReader(m.data);
};
