import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage } from '../../app/i18n/index.ts';
import { useEffect } from 'react';
import { useAiSettings, useDevices, usePhoneSettings, usePreferences, useSession, useStatus } from '../../app/stores-context.tsx';
import { useMicLevel } from '../../media/mic-level.ts';
import { playTestTone } from '../../media/tones.ts';
import { AuditLogContainer } from '../audit/AuditLogContainer.tsx';
import { MonitorSettingsContainer } from '../monitor/MonitorSettingsContainer.tsx';
import { AiSettingsCard } from './AiSettingsCard.tsx';
import { AudioDevicesCard } from './AudioDevicesCard.tsx';
import { HotkeysCard } from './HotkeysCard.tsx';
import { LiveTranscriptCard } from './LiveTranscriptCard.tsx';
import { PhoneSettingsCard } from './PhoneSettingsCard.tsx';
import { QueueSettingsContainer } from './QueueSettingsContainer.tsx';
import { SettingsView } from './SettingsView.tsx';

export function SettingsContainer() {
  const { i18n } = useTranslation();
  const session = useSession((s) => s.session);
  const status = useStatus((s) => s.status);
  const theme = usePreferences((s) => s.theme);
  const setTheme = usePreferences((s) => s.setTheme);
  const inputs = useDevices((s) => s.inputs);
  const outputs = useDevices((s) => s.outputs);
  const microphoneId = useDevices((s) => s.microphoneId);
  const speakerId = useDevices((s) => s.speakerId);
  const ringId = useDevices((s) => s.ringId);
  const canChooseOutput = useDevices((s) => s.canChooseOutput);
  const choose = useDevices((s) => s.choose);
  const refreshDevices = useDevices((s) => s.refresh);
  const phoneSettings = usePhoneSettings((s) => s.settings);
  const phoneLoading = usePhoneSettings((s) => s.loading);
  const phoneSaving = usePhoneSettings((s) => s.saving);
  const phoneError = usePhoneSettings((s) => s.error);
  const updatePhone = usePhoneSettings((s) => s.update);
  const liveTranscript = usePreferences((s) => s.liveTranscript);
  const setLiveTranscript = usePreferences((s) => s.setLiveTranscript);
  const ai = useAiSettings((s) => s);
  const role = session?.agent.role;
  // Admins change the AI endpoint, supervisors see it, agents do not.
  const seesAi = role === 'admin' || role === 'supervisor';
  const loadAi = ai.load;
  useEffect(() => {
    if (seesAi) void loadAi();
  }, [seesAi, loadAi]);
  // The meter captures the microphone while Settings is open (and so reveals device names too).
  const level = useMicLevel(true, microphoneId);
  useEffect(() => {
    if (level.status === 'live') void refreshDevices();
  }, [level.status, refreshDevices]);
  if (!session) return null;
  return (
    <SettingsView
      session={session}
      status={status}
      theme={theme}
      language={isLanguage(i18n.language) ? i18n.language : 'en'}
      onTheme={setTheme}
      onLanguage={(l) => void setLanguage(l)}
      transcript={<LiveTranscriptCard on={liveTranscript} aiConfigured={status !== null && status.ai.state !== 'unconfigured'} onChange={setLiveTranscript} />}
      ai={
        seesAi ? (
          <AiSettingsCard
            settings={ai.settings}
            editable={role === 'admin'}
            loading={ai.loading}
            saving={ai.saving}
            loadError={ai.loadError}
            saveError={ai.saveError}
            savedCount={ai.savedCount}
            onSave={(update) => void ai.save(update)}
          />
        ) : null
      }
      supervision={<MonitorSettingsContainer />}
      queue={<QueueSettingsContainer />}
      hotkeys={<HotkeysCard />}
      audit={<AuditLogContainer />}
      phone={<PhoneSettingsCard settings={phoneSettings} loading={phoneLoading} saving={phoneSaving} error={phoneError} onChange={(p) => void updatePhone(p)} />}
      audio={
        <AudioDevicesCard
          inputs={inputs}
          outputs={outputs}
          microphoneId={microphoneId}
          speakerId={speakerId}
          ringId={ringId}
          canChooseOutput={canChooseOutput}
          level={level}
          onChoose={choose}
          onTestSpeaker={() => void playTestTone(speakerId)}
          onTestRing={() => void playTestTone(ringId ?? speakerId)}
        />
      }
    />
  );
}
