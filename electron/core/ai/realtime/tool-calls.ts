import type { Agent } from '../../../../shared/domain/agent.ts';
import type { CallsService } from '../../services/calls.service.ts';
import { KEYPAD_DIGITS } from './realtime-tools.ts';
import { transferTarget } from './transfer-target.ts';

export interface ToolContext {
  tenantId: string;
  callId: number;
  /** `assistant:<id>` — who the audit trail names for what the AI did. */
  actor: string;
  calls: CallsService;
  agents(): Agent[];
  /** calls.refer of this call (throws when the endpoint refuses or is down). */
  refer(uri: string): Promise<void>;
}

export interface ToolResult {
  /** What the model reads back as the function's output. */
  output: Record<string, unknown>;
  /** The model should now say goodbye, then the call is hung up. */
  goodbye: boolean;
}

const reply = (output: Record<string, unknown>, goodbye = false): ToolResult => ({ output, goodbye });

function parseArgs(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text || '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (v: unknown, max = 500): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

/**
 * Runs a function tool the AI called on a live call and says how it went, honestly, so the
 * model can tell the caller. Every call is on the call's timeline, by the assistant.
 */
export async function runTool(ctx: ToolContext, name: string, argsText: string): Promise<ToolResult> {
  const args = parseArgs(argsText);
  if (args === null) return reply({ ok: false, error: 'the arguments were not a JSON object' });
  const event = (type: string, data: Record<string, unknown>) => ctx.calls.appendEvent(ctx.tenantId, ctx.callId, type, ctx.actor, data);
  switch (name) {
    case 'transfer_to_human': {
      const reason = text(args.reason) ?? 'not given';
      const target = text(args.target, 300);
      if (target === null) {
        // No destination: the call waits for a person (the queue picks up `ai.handoff`).
        ctx.calls.update(ctx.tenantId, ctx.callId, { handled_by: 'queue' }, ctx.actor);
        event('ai.handoff', { reason });
        return reply({ ok: true, status: 'waiting_for_person', message: 'A person has been asked to take over. Tell the caller someone will be with them shortly, and keep helping until then.' });
      }
      try {
        const to = transferTarget(target, ctx.agents());
        await ctx.refer(to.uri);
        event('ai.tool.transfer_to_human', { reason, target, target_uri: to.uri, ok: true });
        return reply({ ok: true, status: 'transferring', target });
      } catch (err) {
        const error = (err as Error).message;
        event('ai.tool.transfer_to_human', { reason, target, ok: false, error });
        return reply({ ok: false, error: `the transfer did not happen: ${error}` });
      }
    }
    case 'end_call':
      event('ai.tool.end_call', { reason: text(args.reason) ?? 'not given' });
      return reply({ ok: true, status: 'ending', message: 'Say a short goodbye now; the call is hung up after it.' }, true);
    case 'press_digit': {
      const digit = typeof args.digit === 'string' ? args.digit : '';
      if (!(KEYPAD_DIGITS as readonly string[]).includes(digit)) return reply({ ok: false, error: 'digit must be one of 0-9, * or #' });
      // OpenAI's SIP connector has no way to send DTMF: the key press is recorded, not sent.
      ctx.calls.addDtmf(ctx.tenantId, ctx.callId, digit, 'api');
      event('ai.tool.press_digit', { digit, sent: false });
      return reply({ ok: false, error: `the key ${digit} could not be pressed: this phone line cannot send keypad tones. Say the choice out loud instead, or ask for a person.` });
    }
    default:
      return reply({ ok: false, error: `there is no tool named '${name}'` });
  }
}
