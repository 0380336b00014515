// Where the VAD model, its audio worklet and onnxruntime-web's WebAssembly come from: the
// `vad/` folder of our own build (renderer/vite.config.ts copies them there), never a CDN.

/** The `vad/` folder beside the page, as an absolute URL ending in `/`. */
export function vadAssetBase(baseUri: string = document.baseURI): string {
  return new URL('vad/', baseUri).href;
}
