// Fax pages with real printed text, for the OCR tests: Chromium draws each page's lines on a
// canvas in a plain sans-serif at fax resolution, the pixels are thresholded to ink and paper,
// and tiff.ts writes them as a multi-page bilevel TIFF.
import { launchChromium } from './browser.ts';
import { bilevelTiff, type BilevelPage } from './tiff.ts';

const WIDTH = 1200;
const LINE_HEIGHT = 90;

export async function textTiff(pages: readonly string[][]): Promise<Uint8Array> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const rendered = await page.evaluate(
      ({ pages, width, lineHeight }) =>
        pages.map((lines) => {
          const height = lineHeight * (lines.length + 1);
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = height;
          const ctx = canvas.getContext('2d')!;
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, width, height);
          ctx.fillStyle = '#000';
          ctx.font = '56px "DejaVu Sans", "Liberation Sans", sans-serif';
          ctx.textBaseline = 'top';
          lines.forEach((line, i) => ctx.fillText(line, 60, lineHeight * (i + 0.5)));
          const { data } = ctx.getImageData(0, 0, width, height);
          // One byte per pixel: 1 where the luminance is below half.
          const ink: number[] = [];
          for (let i = 0; i < data.length; i += 4) ink.push(data[i]! + data[i + 1]! + data[i + 2]! < 384 ? 1 : 0);
          return { height, ink };
        }),
      { pages: pages.map((p) => [...p]), width: WIDTH, lineHeight: LINE_HEIGHT },
    );
    const bitmaps: BilevelPage[] = rendered.map(({ height, ink }) => ({ width: WIDTH, height, black: (x, y) => ink[y * WIDTH + x] === 1 }));
    return bilevelTiff(bitmaps);
  } finally {
    await browser.close();
  }
}
