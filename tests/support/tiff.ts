// Writes real multi-page TIFFs for the fax tests (no ImageMagick here): bilevel, uncompressed,
// one strip per page. multiPageTiff: each page a white sheet with `page` black bars so pages
// differ; bilevelTiff: any pages (text-tiff.ts renders text into them for OCR).
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

/** One bilevel page: `black(x, y)` says which pixels are ink. */
export interface BilevelPage {
  width: number;
  height: number;
  black(x: number, y: number): boolean;
}

export function multiPageTiff(pages: number, opts: TiffOptions = {}): Uint8Array {
  const width = opts.width ?? 64;
  const height = opts.height ?? 32;
  // Bar number b fills rows 4b+2..4b+3 black; page p has p+1 bars.
  const page = (p: number): BilevelPage => ({ width, height, black: (_x, y) => y % 4 >= 2 && Math.floor(y / 4) <= p });
  return bilevelTiff(Array.from({ length: pages }, (_, p) => page(p)), opts.byteOrder);
}

/** A multi-page bilevel TIFF, uncompressed, one strip per page, at fax fine resolution. */
export function bilevelTiff(pages: readonly BilevelPage[], byteOrder: 'II' | 'MM' = 'II'): Uint8Array {
  const little = byteOrder === 'II';
  const entries = 12;
  const ifdBytes = 2 + entries * 12 + 4;
  const sizes = pages.map((pg) => Math.ceil(pg.width / 8) * pg.height + ifdBytes + 16); // strip, directory, two rationals
  const out = new Uint8Array(8 + sizes.reduce((a, b) => a + b, 0));
  const v = new DataView(out.buffer);
  out[0] = out[1] = little ? 0x49 : 0x4d;
  v.setUint16(2, 42, little);
  let base = 8;
  pages.forEach((pg, p) => {
    const rowBytes = Math.ceil(pg.width / 8);
    const stripBytes = rowBytes * pg.height;
    // WhiteIsZero: a set bit is ink.
    for (let y = 0; y < pg.height; y++) for (let x = 0; x < pg.width; x++) if (pg.black(x, y)) out[base + y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    const ifd = base + stripBytes;
    if (p === 0) v.setUint32(4, ifd, little);
    const rationals = ifd + ifdBytes;
    const tags: [number, number, number][] = [
      [256, LONG, pg.width],
      [257, LONG, pg.height],
      [258, SHORT, 1],
      [259, SHORT, 1],
      [262, SHORT, 0],
      [273, LONG, base],
      [277, SHORT, 1],
      [278, LONG, pg.height],
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
      if (tag === 297) v.setUint16(at + 10, pages.length, little);
    });
    const nextBase = base + sizes[p]!;
    const next = p + 1 < pages.length ? nextBase + Math.ceil(pages[p + 1]!.width / 8) * pages[p + 1]!.height : 0;
    v.setUint32(ifd + 2 + entries * 12, next, little);
    v.setUint32(rationals, 204, little); // fax fine mode: 204 × 196 dpi
    v.setUint32(rationals + 4, 1, little);
    v.setUint32(rationals + 8, 196, little);
    v.setUint32(rationals + 12, 1, little);
    base = nextBase;
  });
  return out;
}
