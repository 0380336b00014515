import { ListOrdered } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../placeholder/ComingSoon.tsx';

export function QueuePanel() {
  const { t } = useTranslation();
  return (
    <ComingSoon
      testId="queue-view"
      icon={ListOrdered}
      title={t('placeholder.queue.title')}
      badge={t('placeholder.comingSoon')}
      body={t('placeholder.queue.body')}
      points={[t('placeholder.queue.point1'), t('placeholder.queue.point2'), t('placeholder.queue.point3')]}
    />
  );
}
