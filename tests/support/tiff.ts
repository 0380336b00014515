// Writes real multi-page TIFFs for the fax tests (no ImageMagick here): bilevel, uncompressed,
// one strip per page, each page a white sheet with `page` black bars so pages differ.
//
//   const bytes = multiPageTiff(3);                       // little-endian (II)
//   const big = multiPageTiff(2, { byteOrder: 'MM' });    // big-endian

export interface TiffOptions {
  byteOrder?: 'II' | 'MM';
  width?: number;
  height?: number;
}

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;

export function multiPageTiff(pages: number, opts: TiffOptions = {}): Uint8Array {
  const little = (opts.byteOrder ?? 'II') === 'II';
  const width = opts.width ?? 64;
  const height = opts.height ?? 32;
  const rowBytes = Math.ceil(width / 8);
  const stripBytes = rowBytes * height;
  const entries = 12;
  const ifdBytes = 2 + entries * 12 + 4;
  const pageBytes = stripBytes + ifdBytes + 16; // strip, directory, two rationals
  const out = new Uint8Array(8 + pages * pageBytes);
  const v = new DataView(out.buffer);
  out[0] = out[1] = little ? 0x49 : 0x4d;
  v.setUint16(2, 42, little);
  v.setUint32(4, 8 + stripBytes, little);
  for (let p = 0; p < pages; p++) {
    const base = 8 + p * pageBytes;
    // WhiteIsZero: 0 is white; bar number b fills rows 4b+2..4b+3 black.
    for (let bar = 0; bar <= p; bar++) for (let row = 4 * bar + 2; row < Math.min(height, 4 * bar + 4); row++) out.fill(0xff, base + row * rowBytes, base + (row + 1) * rowBytes);
    const ifd = base + stripBytes;
    const rationals = ifd + ifdBytes;
    const tags: [number, number, number][] = [
      [256, LONG, width],
      [257, LONG, height],
      [258, SHORT, 1],
      [259, SHORT, 1],
      [262, SHORT, 0],
      [273, LONG, base],
      [277, SHORT, 1],
      [278, LONG, height],
      [279, LONG, stripBytes],
      [282, RATIONAL, rationals],
      [283, RATIONAL, rationals + 8],
      [297, SHORT, p],
    ];
    v.setUint16(ifd, entries, little);
    tags.forEach(([tag, type, value], i) => {
      const at = ifd + 2 + i * 12;
      v.setUint16(at, tag, little);
      v.setUint16(at + 2, type, little);
      // PageNumber is two SHORTs: this page (from 0) and the page count.
      v.setUint32(at + 4, tag === 297 ? 2 : 1, little);
      if (type === SHORT) v.setUint16(at + 8, value, little);
      else v.setUint32(at + 8, value, little);
      if (tag === 297) v.setUint16(at + 10, pages, little);
    });
    const next = p + 1 < pages ? 8 + (p + 1) * pageBytes + stripBytes : 0;
    v.setUint32(ifd + 2 + entries * 12, next, little);
    for (const r of [rationals, rationals + 8]) {
      v.setUint32(r, 204, little); // fax fine mode: 204 × 196 dpi
      v.setUint32(r + 4, 1, little);
    }
    v.setUint32(rationals + 8, 196, little);
  }
  return out;
}
