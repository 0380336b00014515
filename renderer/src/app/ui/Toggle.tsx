import type { LucideIcon } from 'lucide-react';

export interface ToggleProps {
  on: boolean;
  label: string;
  /** Words for the two states ("On" / "Off"): shown, never colour alone. */
  onText: string;
  offText: string;
  icon: LucideIcon;
  offIcon?: LucideIcon;
  testId: string;
  title?: string;
  disabled?: boolean;
  busy?: boolean;
  describedBy?: string;
  compact?: boolean;
  onChange(on: boolean): void;
}

/** A switch as a pressed/unpressed button: icon, label and the state in words. */
export function Toggle({ on, label, onText, offText, icon: OnIcon, offIcon, testId, title, disabled, busy, describedBy, compact, onChange }: ToggleProps) {
  const Icon = on ? OnIcon : (offIcon ?? OnIcon);
  return (
    <button
      type="button"
      className={`button toggle${on ? ' toggle-on' : ''}${compact ? ' small' : ''}`}
      aria-pressed={on}
      aria-busy={busy || undefined}
      aria-describedby={describedBy}
      disabled={disabled}
      title={title}
      onClick={() => onChange(!on)}
      data-testid={testId}
      data-state={on ? 'on' : 'off'}
    >
      <Icon className="icon" size={compact ? 16 : 18} aria-hidden="true" />
      <span className="toggle-label">{label}</span>
      <span className="toggle-state">{on ? onText : offText}</span>
    </button>
  );
}
