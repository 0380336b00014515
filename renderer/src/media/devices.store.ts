// Audio devices: what the machine has (enumerateDevices) and what this person chose for the
// microphone, the call audio (speaker/headset) and the ringtone. Choices persist per window
// in localStorage; a device that is unplugged falls back to the default at use.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface AudioDevice {
  deviceId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

export type DeviceRole = 'microphone' | 'speaker' | 'ring';

export interface DevicesState {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  /** null = the system default. */
  microphoneId: string | null;
  speakerId: string | null;
  ringId: string | null;
  /** Whether this browser can route audio to a chosen output (HTMLMediaElement.setSinkId). */
  canChooseOutput: boolean;
  refresh(): Promise<void>;
  choose(role: DeviceRole, deviceId: string | null): void;
}

export type DevicesStore = StoreApi<DevicesState>;

const KEYS: Record<DeviceRole, string> = {
  microphone: 'earshot.audio.microphone',
  speaker: 'earshot.audio.speaker',
  ring: 'earshot.audio.ring',
};
const FIELD: Record<DeviceRole, 'microphoneId' | 'speakerId' | 'ringId'> = { microphone: 'microphoneId', speaker: 'speakerId', ring: 'ringId' };

function read(role: DeviceRole): string | null {
  try {
    const value = localStorage.getItem(KEYS[role]);
    return value ? value : null;
  } catch {
    return null;
  }
}

function write(role: DeviceRole, value: string | null): void {
  try {
    if (value) localStorage.setItem(KEYS[role], value);
    else localStorage.removeItem(KEYS[role]);
  } catch {
    // storage disabled: the choice lasts for this window only
  }
}

/** Devices of a kind, without the "default"/"communications" aliases Chromium lists as well. */
export function audioDevices(all: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[], kind: AudioDevice['kind']): AudioDevice[] {
  return all
    .filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications')
    .map((d) => ({ deviceId: d.deviceId, label: d.label, kind }));
}

export function createDevicesStore(): DevicesStore {
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  const store = createStore<DevicesState>()((set) => ({
    inputs: [],
    outputs: [],
    microphoneId: read('microphone'),
    speakerId: read('speaker'),
    ringId: read('ring'),
    canChooseOutput: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
    async refresh() {
      if (!media) return;
      try {
        const all = await media.enumerateDevices();
        set({ inputs: audioDevices(all, 'audioinput'), outputs: audioDevices(all, 'audiooutput') });
      } catch {
        // no device list (insecure context): the defaults still work
      }
    },
    choose(role, deviceId) {
      write(role, deviceId);
      set({ [FIELD[role]]: deviceId } as Partial<DevicesState>);
    },
  }));
  media?.addEventListener('devicechange', () => void store.getState().refresh());
  return store;
}
