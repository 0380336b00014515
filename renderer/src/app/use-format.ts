import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as f from './format.ts';

/** Formatters bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      locale,
      number: (v: number) => f.formatNumber(v, locale),
      dateTime: (iso: string | null) => f.formatDateTime(iso, locale),
      fullDateTime: (iso: string | null) => f.formatFullDateTime(iso, locale),
      time: (iso: string | null) => f.formatTime(iso, locale),
      duration: (s: number | null) => f.formatDuration(s, locale),
      durationLong: (s: number | null) => f.formatDurationLong(s, locale),
      phone: (raw: string | null) => f.formatPhone(raw, locale),
    }),
    [locale],
  );
}

export type Formatters = ReturnType<typeof useFormat>;
