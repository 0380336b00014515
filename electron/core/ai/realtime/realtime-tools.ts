import type { RealtimeFunctionTool } from 'openai/resources/realtime/realtime';

export const KEYPAD_DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;

/** Function tools every AI call gets (sent in calls.accept; tool-calls.ts runs them). */
export const REALTIME_TOOLS: RealtimeFunctionTool[] = [
  {
    type: 'function',
    name: 'transfer_to_human',
    description:
      'Hand the caller over to a person: when they ask for one, or when you cannot help. Tell the caller first. ' +
      'Give a target only when the caller or your instructions name an extension or number.',
    parameters: {
      type: 'object',
      properties: {
        reason: { type: 'string', description: 'Why a person is needed, in a few words.' },
        target: { type: 'string', description: 'Optional: the extension, phone number (+E.164) or sip: address to transfer to.' },
      },
      required: ['reason'],
      additionalProperties: false,
    },
  },
  {
    type: 'function',
    name: 'end_call',
    description: 'End the call when the conversation is over. You will be asked to say goodbye; then the call is hung up.',
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why the call ends, in a few words.' } },
      additionalProperties: false,
    },
  },
  {
    type: 'function',
    name: 'press_digit',
    description: 'Press one key on the phone keypad (DTMF), for example to choose an option in a phone menu.',
    parameters: {
      type: 'object',
      properties: { digit: { type: 'string', enum: [...KEYPAD_DIGITS], description: 'The key: 0-9, * or #.' } },
      required: ['digit'],
      additionalProperties: false,
    },
  },
];
