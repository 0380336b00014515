// The fax OCR engine against the system's tesseract (installed by .ci/run): a two-page fax with
// printed text reads back page by page; a configured engine that does not exist says why.
import { describe, expect, it } from 'vitest';
import { TesseractOcr } from '../../../electron/core/fax/tesseract.ts';
import { textTiff } from '../../support/text-tiff.ts';

const words = (text: string) => text.toUpperCase().replace(/\s+/g, ' ').trim();

describe('tesseract OCR of fax pages', () => {
  it('reads the text of each page of a multi-page TIFF, in page order', async () => {
    const ocr = new TesseractOcr();
    expect(ocr.unavailableReason()).toBeNull();
    const tiff = await textTiff([['ORDER FORM 4711', 'Deliver to Osaka office'], ['PAGE TWO', 'Total 2300 yen']]);
    const pages = await ocr.readPages(tiff);
    expect(pages).toHaveLength(2);
    expect(words(pages[0]!)).toContain('ORDER FORM 4711');
    expect(words(pages[0]!)).toContain('DELIVER TO OSAKA OFFICE');
    expect(words(pages[1]!)).toContain('PAGE TWO');
    expect(words(pages[1]!)).toContain('TOTAL 2300 YEN');
  });

  it('names what is missing when the configured engine is not there', async () => {
    const ocr = TesseractOcr.fromEnv({ EARSHOT_TESSERACT: '/opt/nowhere/tesseract' });
    expect(ocr.binary()).toBeNull();
    expect(ocr.unavailableReason()).toMatch(/\/opt\/nowhere\/tesseract \(EARSHOT_TESSERACT\) is not an executable file/);
    await expect(ocr.readPages(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).rejects.toThrow(/EARSHOT_TESSERACT/);
  });
});
