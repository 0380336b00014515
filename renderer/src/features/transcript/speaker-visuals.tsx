// Who is speaking, in the console's one visual language: an icon, a word and a colour, never
// the colour alone.
import { Bot, Headset, Info, ShieldCheck, UserRound, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Speaker } from '../../../../shared/domain/transcript.ts';

export const SPEAKER_ICONS: Record<Speaker, LucideIcon> = {
  caller: UserRound,
  agent: Headset,
  ai: Bot,
  supervisor: ShieldCheck,
  system: Info,
};

export function SpeakerLabel({ speaker }: { speaker: Speaker }) {
  const { t } = useTranslation();
  const Icon = SPEAKER_ICONS[speaker];
  return (
    <span className="tx-speaker">
      <Icon className="icon" size={15} aria-hidden="true" strokeWidth={2.25} />
      <span>{t(`call.speaker.${speaker}`)}</span>
    </span>
  );
}
