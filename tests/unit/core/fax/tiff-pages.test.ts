import { describe, expect, it } from 'vitest';
import { countTiffPages, TiffError } from '../../../../electron/core/fax/tiff-pages.ts';
import { multiPageTiff } from '../../../support/tiff.ts';

/** A BigTIFF (magic 43, 8-byte offsets) with `pages` directories of the two size tags. */
function bigTiff(pages: number): Uint8Array {
  const ifdBytes = 8 + 2 * 20 + 8;
  const out = new Uint8Array(16 + pages * ifdBytes);
  const v = new DataView(out.buffer);
  out[0] = out[1] = 0x49;
  v.setUint16(2, 43, true);
  v.setUint16(4, 8, true);
  v.setBigUint64(8, 16n, true);
  for (let p = 0; p < pages; p++) {
    const at = 16 + p * ifdBytes;
    v.setBigUint64(at, 2n, true);
    v.setUint16(at + 8, 256, true);
    v.setUint16(at + 28, 257, true);
    v.setBigUint64(at + 48, p + 1 < pages ? BigInt(at + ifdBytes) : 0n, true);
  }
  return out;
}

describe('countTiffPages', () => {
  it('counts the pages of little- and big-endian TIFFs and of a BigTIFF', () => {
    expect(countTiffPages(multiPageTiff(1))).toBe(1);
    expect(countTiffPages(multiPageTiff(3))).toBe(3);
    expect(countTiffPages(multiPageTiff(4, { byteOrder: 'MM' }))).toBe(4);
    expect(countTiffPages(bigTiff(2))).toBe(2);
  });

  it('refuses what is not a TIFF', () => {
    expect(() => countTiffPages(new TextEncoder().encode('%PDF-1.7 not a fax'))).toThrow(/byte-order/);
    expect(() => countTiffPages(new Uint8Array([0x49, 0x49, 41, 0, 8, 0, 0, 0]))).toThrow(/magic 41/);
    expect(() => countTiffPages(new Uint8Array(3))).toThrow(TiffError);
  });

  it('refuses a cut-off file, a chain that loops and a directory pointing outside the file', () => {
    const whole = multiPageTiff(3);
    expect(() => countTiffPages(whole.subarray(0, whole.length - 40))).toThrow(/page 3/);

    const looping = multiPageTiff(2);
    const v = new DataView(looping.buffer);
    const first = v.getUint32(4, true);
    const second = v.getUint32(first + 2 + v.getUint16(first, true) * 12, true);
    v.setUint32(second + 2 + v.getUint16(second, true) * 12, first, true);
    expect(() => countTiffPages(looping)).toThrow(/loops/);

    const outside = multiPageTiff(1);
    new DataView(outside.buffer).setUint32(4, outside.length + 100, true);
    expect(() => countTiffPages(outside)).toThrow(/outside the file/);
  });

  it('refuses a page without its size', () => {
    const t = multiPageTiff(1);
    const v = new DataView(t.buffer);
    const ifd = v.getUint32(4, true);
    v.setUint16(ifd + 2, 999, true); // ImageWidth → an unknown tag
    expect(() => countTiffPages(t)).toThrow(/ImageWidth/);
  });
});
