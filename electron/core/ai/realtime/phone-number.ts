// Phone numbers as seed 001 treats them: Japanese E.164 numbers (+81…) become the national form
// callers and staff know (080…), other E.164 numbers keep their +, separators are dropped.

const SEPARATORS = /[\s\-().\u2010-\u2015\u2212\u30fc]/g;
const PHONE = /^\+?[0-9*#]{2,32}$/;

/** The number without visual separators (`+81 80-1234-5678` → `+818012345678`), or null if it is not one. */
export function canonicalPhone(raw: string): string | null {
  const text = raw.normalize('NFKC').replace(SEPARATORS, '');
  return PHONE.test(text) ? text : null;
}

/** Seed 001's form: `+818012345678` → `08012345678`; `+14155550123` stays; national numbers stay. */
export function normalisePhone(raw: string): string | null {
  const canonical = canonicalPhone(raw);
  if (canonical === null) return null;
  return canonical.startsWith('+81') ? `0${canonical.slice(3)}` : canonical;
}

/**
 * Every stored form a dialled number may have been entered in: a Japanese number matches both
 * `+81312345678` and `0312345678`; others match as written, with or without their `+`.
 */
export function phoneForms(raw: string): string[] {
  const canonical = canonicalPhone(raw);
  if (canonical === null) return [];
  const forms = new Set([canonical]);
  if (canonical.startsWith('+81')) forms.add(`0${canonical.slice(3)}`);
  else if (/^0[1-9]/.test(canonical)) forms.add(`+81${canonical.slice(1)}`);
  if (canonical.startsWith('+')) forms.add(canonical.slice(1));
  else if (!canonical.startsWith('0')) forms.add(`+${canonical}`);
  return [...forms];
}
