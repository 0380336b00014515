/** Why a file is not a TIFF we can count pages in. */
export class TiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TiffError';
  }
}

/** More pages than any fax has; a chain longer than this is a malformed or hostile file. */
const MAX_PAGES = 5000;

interface Layout {
  little: boolean;
  big: boolean;
  firstIfd: number;
}

function readLayout(b: DataView): Layout {
  if (b.byteLength < 8) throw new TiffError('too short for a TIFF header');
  const order = String.fromCharCode(b.getUint8(0), b.getUint8(1));
  if (order !== 'II' && order !== 'MM') throw new TiffError('no TIFF byte-order mark (II or MM)');
  const little = order === 'II';
  const magic = b.getUint16(2, little);
  if (magic === 42) return { little, big: false, firstIfd: b.getUint32(4, little) };
  if (magic === 43) {
    if (b.byteLength < 16 || b.getUint16(4, little) !== 8) throw new TiffError('malformed BigTIFF header');
    return { little, big: true, firstIfd: Number(b.getBigUint64(8, little)) };
  }
  throw new TiffError(`not a TIFF (magic ${magic}, expected 42)`);
}

/**
 * Counts the pages of a TIFF by walking its chain of image file directories (TIFF 6.0 §2;
 * BigTIFF too), checking every offset against the file so a truncated or looping chain is
 * refused instead of trusted. Each page must say its size (ImageWidth, ImageLength).
 */
export function countTiffPages(bytes: Uint8Array): number {
  const b = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { little, big, firstIfd } = readLayout(b);
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  const offsetSize = big ? 8 : 4;
  const seen = new Set<number>();
  let offset = firstIfd;
  let pages = 0;
  while (offset !== 0) {
    if (seen.has(offset)) throw new TiffError(`page ${pages + 1}: the directory chain loops back to offset ${offset}`);
    if (pages >= MAX_PAGES) throw new TiffError(`more than ${MAX_PAGES} pages`);
    seen.add(offset);
    if (offset < 8 || offset + countSize > b.byteLength) throw new TiffError(`page ${pages + 1}: directory offset ${offset} is outside the file`);
    const entries = big ? Number(b.getBigUint64(offset, little)) : b.getUint16(offset, little);
    const end = offset + countSize + entries * entrySize;
    if (entries === 0 || end + offsetSize > b.byteLength) throw new TiffError(`page ${pages + 1}: directory at ${offset} is empty or cut off`);
    const tags = new Set<number>();
    for (let i = 0; i < entries; i++) tags.add(b.getUint16(offset + countSize + i * entrySize, little));
    if (!tags.has(256) || !tags.has(257)) throw new TiffError(`page ${pages + 1}: no ImageWidth/ImageLength`);
    pages++;
    offset = big ? Number(b.getBigUint64(end, little)) : b.getUint32(end, little);
  }
  if (pages === 0) throw new TiffError('no pages (the first directory offset is 0)');
  return pages;
}
