/**
 * Seals secrets (SIP passwords, provider API keys) before they reach the database.
 * The hub uses a key file (0600) in the data dir; the desktop shell passes one backed by
 * Electron's safeStorage, so the core never imports 'electron'.
 */
export interface SecretBox {
  /** A short name stored beside each sealed value, so a box can tell whether it can open it. */
  readonly scheme: string;
  seal(plain: string): string;
  open(sealed: string): string;
}
