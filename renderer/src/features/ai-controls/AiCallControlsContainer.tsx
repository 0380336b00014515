import './ai-controls.css';
import { useAiControls, useSession } from '../../app/stores-context.tsx';
import { aiControlOf } from '../../state/ai-controls.store.ts';
import { AiCallControls } from './AiCallControls.tsx';

/** The AI call controls for `callId`, shown to supervisors and admins only. */
export function AiCallControlsContainer({ callId }: { callId: number }) {
  const agent = useSession((s) => s.session?.agent);
  const state = useAiControls((s) => aiControlOf(s, callId));
  const send = useAiControls((s) => s.send);
  if (!agent || (agent.role !== 'supervisor' && agent.role !== 'admin')) return null;
  return <AiCallControls state={state} ownTarget={agent.sip ? (agent.extension ?? agent.sip.uri) : null} onSend={(action, value) => send(callId, action, value)} />;
}
