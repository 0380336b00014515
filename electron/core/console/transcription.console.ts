import { Type } from 'typebox';
import { CAPTURE_LEGS, type TRANSCRIPTION_METHODS } from '../../../shared/contracts/transcription-client.ts';
import { MAX_SEGMENT_WAV_BYTES } from '../transcription/wav-check.ts';
import type { ConsoleContext, ConsoleHandlers } from './console-context.ts';

/** Capture times: wall-clock ms since the epoch, within this century. */
const EpochMs = Type.Number({ minimum: Date.UTC(2000, 0, 1), maximum: Date.UTC(2100, 0, 1) });

/** Argument schemas of the live-transcript console methods. */
export const TRANSCRIPTION_ARG_SCHEMAS = {
  submitSegment: Type.Object(
    {
      line_id: Type.String({ format: 'uuid' }),
      call_sid: Type.String({ pattern: '^CA[0-9a-fA-F]{8,64}$' }),
      leg: Type.Enum(CAPTURE_LEGS),
      segment_key: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' }),
      started_at_ms: EpochMs,
      ended_at_ms: EpochMs,
      wav_base64: Type.String({ minLength: 60, maxLength: Math.ceil(MAX_SEGMENT_WAV_BYTES / 3) * 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
    },
    { additionalProperties: false },
  ),
  pendingSegments: Type.Object({ call_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
} satisfies Record<(typeof TRANSCRIPTION_METHODS)[number], unknown>;

export function transcriptionHandlers(ctx: ConsoleContext): ConsoleHandlers<(typeof TRANSCRIPTION_METHODS)[number]> {
  const { transcription, calls } = ctx.deps;
  return {
    submitSegment: (arg, conn) => transcription.submit(ctx.requireSession(conn), arg),
    pendingSegments: (arg, conn) => {
      const { tenant_id } = ctx.requireSession(conn);
      return transcription.pending(tenant_id, calls.get(tenant_id, arg.call_id).id);
    },
  };
}
