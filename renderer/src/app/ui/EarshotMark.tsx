/** The Earshot mark: an ear-like arc with sound waves. Decorative. */
export function EarshotMark({ size = 24 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M11 21.5c0 1.9 1.4 3 3 3s2.6-1.2 3.1-2.6c.6-1.7 1.6-2.6 2.6-3.6 1.3-1.3 2.3-2.8 2.3-5.1A6.1 6.1 0 0 0 16 7a6.1 6.1 0 0 0-6 6.2"
        fill="none"
        stroke="var(--accent-contrast)"
        strokeWidth="2.4"
        strokeLinecap="round"
      />
      <path d="M13.6 13.4a2.4 2.4 0 0 1 4.8 0c0 1.4-1.2 2-1.9 2.9" fill="none" stroke="var(--accent-contrast)" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
