// A Pyodide memory snapshot is a copy of the whole heap, and its first 3.8 MB are the wasm's
// static data, mostly still the bytes the wasm's data segments put there: compressed, about a
// third of the snapshot, and already downloaded once inside pyodide.asm.wasm. The build
// (scripts/snapshot.mjs) XORs those bytes out, which leaves nearly zeros; the worker XORs them
// back in from the wasm it downloads anyway. XOR is its own inverse: one function does both.

const WASM_MAGIC = 0x6d736100; // "\0asm"
const DATA_SECTION = 11;
const I32_CONST = 0x41;
const END = 0x0b;

/**
 * The memory the wasm's active data segments lay out before anything runs.
 * @param {ArrayBuffer | Uint8Array} wasm a whole WebAssembly binary
 * @returns {Uint8Array}
 */
export function initialMemory(wasm) {
  const bytes = wasm instanceof Uint8Array ? wasm : new Uint8Array(wasm);
  if (bytes.length < 8 || new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== WASM_MAGIC) {
    throw new Error("not a WebAssembly binary");
  }
  let at = 8;
  const leb = (signed = false) => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      if (at >= bytes.length) throw new Error("truncated WebAssembly binary");
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return signed && byte & 0x40 ? value - 2 ** shift : value;
  };
  /** @type {[offset: number, start: number, length: number][]} */
  const segments = [];
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === DATA_SECTION) {
      for (let count = leb(); count > 0; count--) {
        const flags = leb();
        if (flags === 1) { // passive: copied by the program itself, not at start
          const length = leb();
          at += length;
          continue;
        }
        if (flags === 2) leb(); // memory index
        if (bytes[at++] !== I32_CONST) throw new Error("a data segment not at a constant offset");
        const offset = leb(true);
        if (bytes[at++] !== END) throw new Error("a data segment not at a constant offset");
        const length = leb();
        if (at + length > bytes.length) throw new Error("truncated WebAssembly binary");
        segments.push([offset, at, length]);
        at += length;
      }
    }
    at = end;
  }
  const image = new Uint8Array(segments.reduce((top, [offset, , length]) => Math.max(top, offset + length), 0));
  for (const [offset, start, length] of segments) image.set(bytes.subarray(start, start + length), offset);
  return image;
}

/**
 * XORs `image` into the heap a snapshot holds, in place: the header's second word says where the
 * heap starts (Pyodide's restoreSnapshot reads it the same way).
 * @param {Uint8Array} snapshot
 * @param {Uint8Array} image from initialMemory
 */
export function xorStaticData(snapshot, image) {
  const heap = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength).getUint32(4, true);
  if (heap + image.length > snapshot.length) throw new Error("not a snapshot of this wasm: too short");
  const target = snapshot.subarray(heap, heap + image.length);
  for (let i = 0; i < image.length; i++) target[i] ^= image[i];
}
