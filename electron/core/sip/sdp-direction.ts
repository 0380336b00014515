/** True when the far end's SDP puts us on hold: its audio is sendonly or inactive (or c=0.0.0.0). */
export function remoteHoldOf(sdp: string): boolean {
  const audio = sdp.split(/\r?\n(?=m=)/).find((section) => section.startsWith('m=audio')) ?? sdp;
  const session = sdp.split(/\r?\n(?=m=)/)[0] ?? '';
  const direction = /^a=(sendonly|inactive|recvonly|sendrecv)\s*$/m.exec(audio)?.[1] ?? /^a=(sendonly|inactive|recvonly|sendrecv)\s*$/m.exec(session)?.[1];
  if (direction === 'sendonly' || direction === 'inactive') return true;
  return /^c=IN IP4 0\.0\.0\.0\s*$/m.test(audio);
}
