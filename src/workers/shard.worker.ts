// Shard worker: parses the files it is given and serves their text and search.
import { Shard } from '../engine/shard.ts';
import type { ViewToShard } from '../engine/protocol.ts';

self.onmessage = (e: MessageEvent<{ port: MessagePort }>) => {
  const port = e.data.port;
  const shard = new Shard((msg, transfer) => port.postMessage(msg, transfer ?? []));
  port.onmessage = (m: MessageEvent<ViewToShard>) => shard.handle(m.data);
};
