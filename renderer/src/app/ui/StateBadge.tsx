import type { LucideIcon } from 'lucide-react';

/** Tones of the one visual language for state: never colour alone, always icon + text. */
export type Tone = 'neutral' | 'good' | 'info' | 'warn' | 'bad' | 'ai' | 'muted';

export interface StateBadgeProps {
  icon: LucideIcon;
  tone: Tone;
  label: string;
  /** Longer text for assistive technology, when the visible label is terse. */
  ariaLabel?: string;
  testId?: string;
  state?: string;
  title?: string;
  spin?: boolean;
}

export function StateBadge({ icon: Icon, tone, label, ariaLabel, testId, state, title, spin }: StateBadgeProps) {
  return (
    <span
      className={`badge tone-${tone}`}
      data-testid={testId}
      data-state={state}
      aria-label={ariaLabel ?? label}
      title={title ?? ariaLabel ?? label}
      role={testId ? 'status' : undefined}
    >
      <Icon className={spin ? 'icon icon-spin' : 'icon'} size={16} aria-hidden="true" strokeWidth={2.25} />
      <span className="badge-text">{label}</span>
    </span>
  );
}
