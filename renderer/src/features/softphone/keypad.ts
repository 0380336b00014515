// Pure: the telephone keypad (ITU E.161 letters) shared by the dial pad and the DTMF pad.
export interface KeypadKey {
  digit: string;
  letters: string;
}

export const KEYPAD: readonly KeypadKey[] = [
  { digit: '1', letters: '' },
  { digit: '2', letters: 'ABC' },
  { digit: '3', letters: 'DEF' },
  { digit: '4', letters: 'GHI' },
  { digit: '5', letters: 'JKL' },
  { digit: '6', letters: 'MNO' },
  { digit: '7', letters: 'PQRS' },
  { digit: '8', letters: 'TUV' },
  { digit: '9', letters: 'WXYZ' },
  { digit: '*', letters: '' },
  { digit: '0', letters: '+' },
  { digit: '#', letters: '' },
];

/** The SIP domain of a seat's URI (`sip:alice@pbx.lan:5060;transport=ws` → `pbx.lan:5060`). */
export function sipDomain(uri: string | null | undefined): string | null {
  if (!uri) return null;
  const match = /^sips?:(?:[^@;?]*@)?([^;?>]+)/i.exec(uri.trim());
  return match?.[1] ?? null;
}

/** The number to call back for a call record: the caller for inbound calls, else the callee. */
export function callBackNumber(call: { direction: string; from_number: string | null; to_number: string | null }): string | null {
  const n = call.direction === 'inbound' ? call.from_number : call.to_number;
  return n && n.trim() !== '' ? n.trim() : null;
}
