// Reader worker: reads a shard's files ahead of its parser and transfers the slices.
import { Reader, type ToReader } from '../engine/reader.ts';

self.onmessage = (e: MessageEvent<{ port: MessagePort }>) => {
  const port = e.data.port;
  const reader = new Reader((m, transfer) => port.postMessage(m, transfer ?? []));
  port.onmessage = (m: MessageEvent<ToReader>) => reader.handle(m.data);
};
