import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AiSettingsService } from '../../../../electron/core/ai/ai-settings.service.ts';
import { KeyFileSecretBox } from '../../../../electron/core/security/key-file-secret-box.ts';
import { Store } from '../../../../electron/core/store/store.ts';
import { AiFailure } from '../../../../electron/core/transcription/ai-failure.ts';
import { sdkTranscriber, type Transcribe } from '../../../../electron/core/transcription/segment-transcriber.ts';
import { startOpenAiEmulator, toneWav, type OpenAiEmulator } from '../../../support/openai-emulator/index.ts';

/** The real `openai` SDK against the emulator: what goes over the wire and how failures sort. */
describe('segment transcriber (openai SDK)', () => {
  let emu: OpenAiEmulator;
  let dir: string;
  let store: Store;
  let ai: AiSettingsService;
  let transcribe: Transcribe;
  const wav = toneWav({ seconds: 1.2 });
  const never = new AbortController().signal;

  beforeAll(async () => {
    emu = await startOpenAiEmulator({ streamGapMs: 1 });
  });
  afterAll(() => emu.close());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-stt-'));
    store = Store.open(join(dir, 'earshot.db'));
    store.tenants.ensure('default', 'Default');
    ai = new AiSettingsService(store, new KeyFileSecretBox(join(dir, 'secret.key')), { baseURL: emu.baseURL, apiKey: emu.apiKey, webhookSecret: null });
    transcribe = sdkTranscriber(ai);
    emu.clearLog();
    emu.setTranscript(wav, 'I would like to change my delivery address.');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const failureOf = async (run: Promise<unknown>) => {
    const err = await run.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AiFailure);
    return { kind: (err as AiFailure).kind, status: (err as AiFailure).status };
  };

  it('streams with a gpt-4o model: growing partial text, then the text with a confidence from log-probabilities', async () => {
    ai.update('default', { transcription_language: 'ja-JP', transcription_prompt: 'Earshot, ACME' });
    const partials: string[] = [];
    const result = await transcribe('default', wav, never, (text) => partials.push(text));
    expect(result).toEqual({ text: 'I would like to change my delivery address.', confidence: 0.99, model: 'gpt-4o-mini-transcribe' });
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toBe('I would like to change my delivery address.');
    partials.reduce((prev, next) => (expect(next.startsWith(prev)).toBe(true), next));
    const [request] = emu.requestsTo('/v1/audio/transcriptions');
    expect(request?.multipart?.fields).toMatchObject({ model: 'gpt-4o-mini-transcribe', stream: 'true', 'include[]': ['logprobs'], language: 'ja', prompt: 'Earshot, ACME', response_format: 'json' });
    expect(request?.multipart?.files[0]).toMatchObject({ field: 'file', filename: 'segment.wav' });
    expect(request?.multipart?.files[0]?.bytes).toEqual(wav);
    expect(emu.problems).toEqual([]);
  });

  it('asks whisper-1 in one piece, without log-probabilities', async () => {
    ai.update('default', { transcription_model: 'whisper-1' });
    const partials: string[] = [];
    expect(await transcribe('default', wav, never, (t) => partials.push(t))).toEqual({ text: 'I would like to change my delivery address.', confidence: null, model: 'whisper-1' });
    expect(partials).toEqual([]);
    expect(emu.requestsTo('/v1/audio/transcriptions')[0]?.multipart?.fields).not.toHaveProperty('stream', 'true');
    expect(emu.problems).toEqual([]);
  });

  it('sorts failures: overload, rate limit and outage retry; a bad key or model does not; stopping aborts', async () => {
    emu.failNext(1, 503);
    expect(await failureOf(transcribe('default', wav, never, () => {}))).toEqual({ kind: 'transient', status: 503 });
    emu.failNext(1, 429);
    expect(await failureOf(transcribe('default', wav, never, () => {}))).toEqual({ kind: 'transient', status: 429 });

    ai.update('default', { api_key: 'sk-wrong' });
    expect(await failureOf(transcribe('default', wav, never, () => {}))).toEqual({ kind: 'permanent', status: 401 });
    ai.update('default', { api_key: null, transcription_model: 'no-such-model' });
    expect(await failureOf(transcribe('default', wav, never, () => {}))).toEqual({ kind: 'permanent', status: 404 });
    ai.update('default', { transcription_model: null });

    const abort = new AbortController();
    emu.delay(5_000, '/v1/audio/transcriptions');
    const running = transcribe('default', wav, abort.signal, () => {});
    await vi.waitFor(() => expect(emu.requestsTo('/v1/audio/transcriptions').some((r) => r.status === undefined)).toBe(true));
    abort.abort();
    expect(await failureOf(running)).toEqual({ kind: 'aborted', status: null });
    emu.delay(0, '/v1/audio/transcriptions');

    await emu.stop();
    try {
      expect(await failureOf(transcribe('default', wav, never, () => {}))).toEqual({ kind: 'transient', status: null });
    } finally {
      await emu.start();
    }
  });
});
