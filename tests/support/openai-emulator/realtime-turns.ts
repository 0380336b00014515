// What happens on a live call, as the sideband socket reports it: the caller speaks (VAD
// events, a user item, and — only when the session has input transcription configured, as
// on the real service — transcription deltas and `.completed`), the model answers (a
// response with an audio transcript, or text when the session is text-only) or calls a tool.
// Event order and fields follow the SDK's RealtimeServerEvent types.
import { sleep } from '../proc.ts';
import { newId } from './ids.ts';
import { emit, type RealtimeCall } from './realtime-calls.ts';
import { splitIntoDeltas, tokenCount } from './text-chunks.ts';

export interface CallerTurn {
  itemId: string;
  /** False when the session had no input transcription, so no transcript events were sent. */
  transcribed: boolean;
}

export interface ResponseResult {
  responseId: string;
  itemId: string;
  status: 'completed' | 'cancelled';
  /** What was said (a cancelled response stops part-way). */
  text: string;
}

export interface ToolCallResult {
  responseId: string;
  itemId: string;
  /** The call_id a function_call_output must answer. */
  callId: string;
}

type Plan = { kind: 'say'; text: string } | { kind: 'tool'; name: string; args: string };

export interface ResponseOptions {
  gapMs: number;
  /** false for an out-of-band response (`conversation: "none"`): no conversation items. */
  inConversation?: boolean;
  outputModalities?: string[];
}

const lastItemId = (call: RealtimeCall) => (call.items.at(-1)?.id as string | undefined) ?? null;

function upsertItem(call: RealtimeCall, item: Record<string, unknown>): void {
  const i = call.items.findIndex((x) => x.id === item.id);
  if (i >= 0) call.items[i] = item;
  else call.items.push(item);
}

export async function callerSays(call: RealtimeCall, text: string, gapMs: number): Promise<CallerTurn> {
  const itemId = newId('item_');
  const start = call.audioMs;
  const end = start + Math.max(500, Array.from(text).length * 70);
  call.audioMs = end + 300;
  emit(call, { type: 'input_audio_buffer.speech_started', audio_start_ms: start, item_id: itemId });
  await sleep(gapMs);
  emit(call, { type: 'input_audio_buffer.speech_stopped', audio_end_ms: end, item_id: itemId });
  const previous = lastItemId(call);
  emit(call, { type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: previous });
  const item = { id: itemId, object: 'realtime.item', type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
  upsertItem(call, item);
  emit(call, { type: 'conversation.item.added', previous_item_id: previous, item });
  emit(call, { type: 'conversation.item.done', previous_item_id: previous, item });

  const transcription = call.session.audio.input.transcription;
  if (!transcription) return { itemId, transcribed: false };
  // whisper-1 delivers the whole transcript as one delta; the gpt-4o models stream it.
  const whisper = transcription.model === 'whisper-1';
  for (const delta of whisper ? [text] : splitIntoDeltas(text)) {
    await sleep(gapMs);
    emit(call, { type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta });
  }
  await sleep(gapMs);
  const seconds = (end - start) / 1000;
  emit(call, {
    type: 'conversation.item.input_audio_transcription.completed',
    item_id: itemId,
    content_index: 0,
    transcript: text,
    usage: whisper
      ? { type: 'duration', seconds }
      : { type: 'tokens', input_tokens: Math.ceil(seconds * 10), input_token_details: { audio_tokens: Math.ceil(seconds * 10), text_tokens: 0 }, output_tokens: tokenCount(text), total_tokens: Math.ceil(seconds * 10) + tokenCount(text) },
  });
  upsertItem(call, { ...item, content: [{ type: 'input_audio', transcript: text }] });
  return { itemId, transcribed: true };
}

/** Runs one model response; waits for a response already in progress to finish first. */
export async function runResponse(call: RealtimeCall, plan: Plan, opts: ResponseOptions): Promise<ResponseResult & { callId?: string }> {
  while (call.activeResponse) await call.activeResponse.done;
  let finish!: () => void;
  const responseId = newId('resp_');
  const active = { id: responseId, cancelled: false, done: new Promise<void>((r) => (finish = r)) };
  call.activeResponse = active;
  try {
    return await respond(call, plan, opts, active);
  } finally {
    call.activeResponse = undefined;
    finish();
  }
}

async function respond(call: RealtimeCall, plan: Plan, opts: ResponseOptions, active: { id: string; cancelled: boolean }): Promise<ResponseResult & { callId?: string }> {
  const inConversation = opts.inConversation ?? true;
  const modalities = opts.outputModalities ?? call.session.output_modalities;
  const audio = modalities.includes('audio');
  const responseId = active.id;
  const itemId = newId('item_');
  const output = call.session.audio.output;
  const response = (status: string, items: unknown[], extra: Record<string, unknown> = {}) => ({
    object: 'realtime.response',
    id: responseId,
    status,
    status_details: null,
    output: items,
    conversation_id: inConversation ? call.conversationId : null,
    output_modalities: modalities,
    max_output_tokens: call.session.max_output_tokens,
    audio: { output: { format: output.format, voice: output.voice } },
    usage: null,
    metadata: null,
    ...extra,
  });
  const at = { response_id: responseId, item_id: itemId, output_index: 0 };
  const previous = lastItemId(call);

  emit(call, { type: 'response.created', response: response('in_progress', []) });
  const callId = plan.kind === 'tool' ? newId('call_', 8) : undefined;
  const item =
    plan.kind === 'tool'
      ? { id: itemId, object: 'realtime.item', type: 'function_call', status: 'in_progress', name: plan.name, call_id: callId, arguments: '' }
      : { id: itemId, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  emit(call, { type: 'response.output_item.added', response_id: responseId, output_index: 0, item });
  if (inConversation) {
    upsertItem(call, item);
    emit(call, { type: 'conversation.item.added', previous_item_id: previous, item });
  }

  let said = '';
  let doneItem: Record<string, unknown>;
  if (plan.kind === 'tool') {
    for (const delta of splitIntoDeltas(plan.args)) {
      await sleep(opts.gapMs);
      said += delta;
      emit(call, { type: 'response.function_call_arguments.delta', ...at, call_id: callId, delta });
    }
    emit(call, { type: 'response.function_call_arguments.done', ...at, call_id: callId, name: plan.name, arguments: plan.args });
    doneItem = { ...item, status: 'completed', arguments: plan.args };
  } else {
    const part = (s: string) => (audio ? { type: 'audio', transcript: s } : { type: 'text', text: s });
    emit(call, { type: 'response.content_part.added', ...at, content_index: 0, part: part('') });
    for (const delta of splitIntoDeltas(plan.text, 4)) {
      await sleep(opts.gapMs);
      if (active.cancelled) break;
      said += delta;
      emit(call, { type: audio ? 'response.output_audio_transcript.delta' : 'response.output_text.delta', ...at, content_index: 0, delta });
    }
    if (audio) {
      emit(call, { type: 'response.output_audio.done', ...at, content_index: 0 });
      emit(call, { type: 'response.output_audio_transcript.done', ...at, content_index: 0, transcript: said });
    } else {
      emit(call, { type: 'response.output_text.done', ...at, content_index: 0, text: said });
    }
    emit(call, { type: 'response.content_part.done', ...at, content_index: 0, part: part(said) });
    const content = audio ? { type: 'output_audio', transcript: said } : { type: 'output_text', text: said };
    doneItem = { ...item, status: active.cancelled ? 'incomplete' : 'completed', content: [content] };
  }
  emit(call, { type: 'response.output_item.done', response_id: responseId, output_index: 0, item: doneItem });
  if (inConversation) {
    upsertItem(call, doneItem);
    emit(call, { type: 'conversation.item.done', previous_item_id: previous, item: doneItem });
  }
  const status = active.cancelled ? 'cancelled' : 'completed';
  const outTokens = tokenCount(said);
  emit(call, {
    type: 'response.done',
    response: response(status, [doneItem], {
      status_details: active.cancelled ? { type: 'cancelled', reason: 'client_cancelled' } : null,
      usage: {
        total_tokens: 100 + outTokens * (audio ? 2 : 1),
        input_tokens: 100,
        output_tokens: outTokens * (audio ? 2 : 1),
        input_token_details: { text_tokens: 100, audio_tokens: 0, image_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 } },
        output_token_details: { text_tokens: outTokens, audio_tokens: audio ? outTokens : 0 },
      },
    }),
  });
  return { responseId, itemId, status, text: said, callId };
}
