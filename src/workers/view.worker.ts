// View worker: the store of columns, the merged order and the filtered rows.
import { ViewStore } from '../engine/view-store.ts';
import type { MainToView } from '../engine/protocol.ts';

const store = new ViewStore((msg, transfer) => self.postMessage(msg, transfer ?? []));
self.onmessage = (e: MessageEvent<MainToView>) => store.handle(e.data);
