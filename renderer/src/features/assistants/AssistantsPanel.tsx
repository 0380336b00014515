import { Bot } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../placeholder/ComingSoon.tsx';

export function AssistantsPanel() {
  const { t } = useTranslation();
  return (
    <ComingSoon
      testId="assistants-view"
      icon={Bot}
      title={t('placeholder.assistants.title')}
      badge={t('placeholder.comingSoon')}
      body={t('placeholder.assistants.body')}
      points={[t('placeholder.assistants.point1'), t('placeholder.assistants.point2'), t('placeholder.assistants.point3')]}
    />
  );
}
