import { KEYPAD } from './keypad.ts';

export interface KeypadProps {
  /** `dialpad` or `dtmf`: each key gets `data-testid="<prefix>-<digit>"`. */
  testIdPrefix: string;
  label: string;
  disabled?: boolean;
  onKey(digit: string): void;
}

/** A 3×4 telephone keypad with letters. Presentational. */
export function Keypad({ testIdPrefix, label, disabled, onKey }: KeypadProps) {
  return (
    <div className="keypad" role="group" aria-label={label}>
      {KEYPAD.map(({ digit, letters }) => (
        <button
          key={digit}
          type="button"
          className="keypad-key"
          disabled={disabled}
          onClick={() => onKey(digit)}
          data-testid={`${testIdPrefix}-${digit}`}
          aria-label={letters && letters !== '+' ? `${digit} ${letters}` : digit}
        >
          <span className="keypad-digit">{digit}</span>
          <span className="keypad-letters" aria-hidden="true">
            {letters || '\u00a0'}
          </span>
        </button>
      ))}
    </div>
  );
}
