// One line's media on this console, as the media engine keeps it (shared with the monitor legs,
// which mix two of these lines).

export interface LineMedia {
  lineId: string;
  pc: RTCPeerConnection;
  /** Our microphone for this line: a clone of the shared capture, `enabled` is the mute. */
  track: MediaStreamTrack;
  stream: MediaStream;
  audio: HTMLAudioElement;
  remote: MediaStream | null;
  muted: boolean;
  /** We hold this call: it still gets RTP from us (sendonly), but silence, never the agent. */
  held: boolean;
}
