import { Bot, Headset, ListOrdered, PhoneCall, ScrollText, Settings, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { hrefFor, VIEWS, type View } from './routes.ts';

export const VIEW_ICONS: Record<View, LucideIcon> = {
  softphone: Headset,
  live: PhoneCall,
  queue: ListOrdered,
  history: ScrollText,
  assistants: Bot,
  settings: Settings,
};

/** Alt+1 … Alt+6, in navigation order. */
export const viewShortcut = (view: View): string => `Alt+${VIEWS.indexOf(view) + 1}`;

export function viewForShortcut(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): View | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (!match) return null;
  return VIEWS[Number(match[1]) - 1] ?? null;
}

export function Nav({ current }: { current: View }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((view) => {
          const Icon = VIEW_ICONS[view];
          const label = t(`nav.${view}`);
          const shortcut = viewShortcut(view);
          return (
            <li key={view}>
              <a
                href={hrefFor(view)}
                className="nav-item"
                aria-current={view === current ? 'page' : undefined}
                aria-keyshortcuts={shortcut}
                title={t('nav.tooltip', { label, shortcut })}
                data-testid={`nav-${view}`}
              >
                <Icon className="icon" size={20} aria-hidden="true" />
                <span className="nav-label">{label}</span>
                <kbd className="nav-kbd" aria-hidden="true">
                  {shortcut}
                </kbd>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
