import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_STATUS_VISUALS } from '../../app/ui/agent-visuals.tsx';
import { filterDirectory, type DirectoryEntry } from './directory.ts';

export interface TransferTargetInputProps {
  id?: string;
  value: string;
  invalid: boolean;
  directory: DirectoryEntry[];
  describedBy?: string;
  onChange(value: string): void;
}

/**
 * The transfer target with the agent directory as suggestions (ARIA combobox with a listbox):
 * ↓/↑ move through matching agents, Enter picks one (its extension, else its SIP user), Escape
 * closes the list (or clears the field when it is closed). Typing anything else still works.
 */
export function TransferTargetInput({ id, value, invalid, directory, describedBy, onChange }: TransferTargetInputProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = filterDirectory(directory, value);
  // Typed out in full (one match, exactly its extension or SIP user): nothing left to suggest.
  const settled = options.length === 1 && (options[0]?.target === value.trim() || options[0]?.sipUser === value.trim());
  const shown = open && directory.length > 0 && !settled;
  const activeEntry = shown && active >= 0 ? options[active] : undefined;
  const optionId = (i: number): string => `${listId}-opt-${i}`;

  const pick = (entry: DirectoryEntry): void => {
    onChange(entry.target);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation();
      if (!shown) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : options.length - 1);
        return;
      }
      if (options.length === 0) return;
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 ? (delta > 0 ? 0 : options.length - 1) : (i + delta + options.length) % options.length));
    } else if (event.key === 'Enter' && activeEntry) {
      // Picks the suggestion instead of submitting the transfer.
      event.preventDefault();
      pick(activeEntry);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      if (shown) {
        setOpen(false);
        setActive(-1);
      } else {
        onChange('');
      }
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        inputMode="tel"
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={activeEntry ? optionId(active) : undefined}
        aria-describedby={describedBy}
        value={value}
        placeholder={t('line.transferPlaceholder')}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(value.trim() !== '')}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        aria-invalid={invalid || undefined}
        data-testid="transfer-target"
      />
      <ul id={listId} role="listbox" className="combobox-list" aria-label={t('line.directory')} hidden={!shown} data-testid="transfer-directory">
        {shown && options.length === 0 && (
          <li className="combobox-empty muted small" role="presentation">
            {t('line.directoryEmpty')}
          </li>
        )}
        {shown &&
          options.map((entry, i) => {
            const visual = AGENT_STATUS_VISUALS[entry.status];
            const Icon = visual.icon;
            const status = t(`agentStatus.${entry.status}`);
            return (
              <li
                key={entry.agentId}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={`combobox-option${i === active ? ' active' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(entry)}
                onMouseEnter={() => setActive(i)}
                data-testid="directory-option"
                data-target={entry.target}
                data-status={entry.status}
              >
                <span className="dir-name">{entry.name}</span>
                <span className="dir-meta muted small">
                  {entry.extension && <span className="dir-ext">{t('line.extension', { extension: entry.extension })}</span>}
                  <code className="dir-user">{entry.sipUser}</code>
                </span>
                <span className={`dir-status status-${entry.status}`}>
                  <Icon className="icon" size={14} aria-hidden="true" />
                  <span>{status}</span>
                </span>
              </li>
            );
          })}
      </ul>
    </div>
  );
}
