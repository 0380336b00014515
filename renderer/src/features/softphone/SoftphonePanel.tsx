import { Headset } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../placeholder/ComingSoon.tsx';

export function SoftphonePanel() {
  const { t } = useTranslation();
  return (
    <ComingSoon
      testId="softphone-view"
      icon={Headset}
      title={t('placeholder.softphone.title')}
      badge={t('placeholder.comingSoon')}
      body={t('placeholder.softphone.body')}
      points={[t('placeholder.softphone.point1'), t('placeholder.softphone.point2'), t('placeholder.softphone.point3')]}
    />
  );
}
