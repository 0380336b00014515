import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseDialString } from '../../../../shared/sip/dial-string.ts';
import { useSession } from '../../app/stores-context.tsx';
import { sipDomain } from './keypad.ts';

/** The seat's SIP domain and a validator that words why a target cannot be dialled (null = fine). */
export function useDialValidation(): { domain: string | null; validate(target: string): string | null } {
  const { t } = useTranslation();
  const uri = useSession((s) => s.session?.agent.sip?.uri ?? null);
  const domain = sipDomain(uri);
  const validate = useCallback(
    (target: string): string | null => {
      if (domain === null) return t('dialError.invalid-domain');
      const result = normaliseDialString(target, { domain });
      return result.ok ? null : t(`dialError.${result.error}`);
    },
    [domain, t],
  );
  return { domain, validate };
}
