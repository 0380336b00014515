import type { LucideIcon } from 'lucide-react';

export interface ShortcutButtonProps {
  /** `action-answer`, `action-end`… (the button's look). */
  tone: string;
  icon: LucideIcon;
  label: string;
  /** The tooltip, naming the shortcut. */
  title: string;
  /** aria-keyshortcuts: the shortcut for assistive technology. */
  keyshortcuts: string | undefined;
  disabled?: boolean;
  testId: string;
  onClick(): void;
}

/** A labelled action button with an icon whose keyboard shortcut is in its tooltip and announced. */
export function ShortcutButton({ tone, icon: Icon, label, title, keyshortcuts, disabled, testId, onClick }: ShortcutButtonProps) {
  return (
    <button type="button" className={`button ${tone}`} onClick={onClick} disabled={disabled} title={title} aria-keyshortcuts={keyshortcuts} data-testid={testId}>
      <Icon className="icon" size={18} aria-hidden="true" />
      <span>{label}</span>
    </button>
  );
}
