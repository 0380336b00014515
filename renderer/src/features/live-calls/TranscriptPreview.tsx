import { useTranslation } from 'react-i18next';
import { useTranscript, useTranscriptStore } from '../transcript/use-transcript.ts';

/** The last thing said on a call (its transcript kept live by events), one line. */
export function TranscriptPreview({ callId }: { callId: number }) {
  const { t } = useTranslation();
  const store = useTranscriptStore(callId);
  const last = useTranscript(store, (s) => s.entries.findLast((e) => e.text.trim() !== '') ?? null);
  if (!last) return null;
  const speaker = t(`call.speaker.${last.speaker}`);
  return (
    <span className="live-preview-line" data-testid="live-call-preview" data-speaker={last.speaker} title={`${speaker}: ${last.text}`}>
      <span className="live-preview-speaker">{speaker}</span> {last.text}
    </span>
  );
}
