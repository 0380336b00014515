import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';

const cache = new WeakMap<EventEnvelope, string>();

/**
 * An envelope as the JSON text sockets send. Every subscriber gets the same envelope object,
 * so it is serialised once however many consoles and API sockets receive it (the fan-out's
 * main cost); the text goes when the envelope does.
 */
export function envelopeJson(env: EventEnvelope): string {
  let text = cache.get(env);
  if (text === undefined) {
    text = JSON.stringify(env);
    cache.set(env, text);
  }
  return text;
}
