// Allocates and holds one ArrayBuffer of the requested size (memory-method check).
let held: Uint8Array | null = null;
self.onmessage = (e: MessageEvent<number>) => {
  held = new Uint8Array(e.data);
  held.fill(1);
  (self as unknown as Worker).postMessage(held.length);
};
