// What a person on a console would hear: the RMS level of each call's remote audio, measured in
// the page from the media elements the console plays it through (DESIGN §10).
import type { Page } from 'playwright-core';

/**
 * Mean RMS (0..1) of the remote audio of the line `lineId`, over `ms` milliseconds. The call's
 * state can reach the page a moment before its WebRTC track does, so this waits up to `waitMs`
 * for the element to get a stream. A stream without audio tracks (the far end holds the call
 * and WebRTC removed its track) is silence; a line with no audio element at all throws.
 */
export async function remoteLevel(page: Page, lineId: string, ms = 1500, waitMs = 5000): Promise<number> {
  const level = await page.evaluate(
    async ({ lineId, ms, waitMs }) => {
      const element = (): HTMLAudioElement | undefined =>
        [...document.querySelectorAll<HTMLAudioElement>(`audio[data-line-id="${lineId}"], [data-line-id="${lineId}"] audio`)][0];
      const deadline = performance.now() + waitMs;
      while (!(element()?.srcObject instanceof MediaStream) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const el = element();
      if (!el) return null;
      const stream = el.srcObject;
      if (!(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) return 0;
      const ctx = new AudioContext();
      await ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const buf = new Float32Array(analyser.fftSize);
      let sum = 0;
      let n = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 40));
        analyser.getFloatTimeDomainData(buf);
        let s = 0;
        for (const v of buf) s += v * v;
        sum += Math.sqrt(s / buf.length);
        n++;
      }
      await ctx.close();
      return n === 0 ? 0 : sum / n;
    },
    { lineId, ms, waitMs },
  );
  if (level === null) throw new Error(`Line ${lineId} has no remote audio after ${waitMs} ms.`);
  return level;
}
