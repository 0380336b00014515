import {
  BellOff,
  Bot,
  CircleDot,
  CircleX,
  CloudOff,
  LoaderCircle,
  LogOut,
  Phone,
  PhoneOff,
  Plug,
  Unlink,
  UserRound,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../../../shared/contracts/core-client.ts';
import type { AiReachability, SipRegistrationState } from '../../../../shared/contracts/core-status.ts';
import type { AgentRole, AgentStatus } from '../../../../shared/domain/agent.ts';
import { StateBadge, type Tone } from '../../app/ui/StateBadge.tsx';
import { AGENT_STATUS_VISUALS } from '../../app/ui/agent-visuals.tsx';

type Visual = { icon: LucideIcon; tone: Tone; spin?: boolean };

const HUB: Record<ConnectionState, Visual> = {
  connecting: { icon: LoaderCircle, tone: 'warn', spin: true },
  connected: { icon: Plug, tone: 'good' },
  disconnected: { icon: Unlink, tone: 'bad' },
};

const SIP: Record<SipRegistrationState | 'unknown', Visual> = {
  'no-account': { icon: PhoneOff, tone: 'muted' },
  unregistered: { icon: PhoneOff, tone: 'warn' },
  registering: { icon: LoaderCircle, tone: 'warn', spin: true },
  registered: { icon: Phone, tone: 'good' },
  failed: { icon: CircleX, tone: 'bad' },
  unknown: { icon: CircleDot, tone: 'muted' },
};

const AI: Record<AiReachability | 'unknown', Visual> = {
  unconfigured: { icon: Bot, tone: 'muted' },
  checking: { icon: LoaderCircle, tone: 'warn', spin: true },
  reachable: { icon: Bot, tone: 'good' },
  unreachable: { icon: CloudOff, tone: 'bad' },
  unknown: { icon: CircleDot, tone: 'muted' },
};

const AGENT: Record<AgentStatus, Visual> = AGENT_STATUS_VISUALS;

export interface StatusBarProps {
  connection: ConnectionState;
  sip: { state: SipRegistrationState; detail: string | null } | null;
  ai: { state: AiReachability; detail: string | null } | null;
  offline: boolean;
  /** Do not disturb is on: new calls are refused. */
  dnd?: boolean;
  agent: { name: string; role: AgentRole; status: AgentStatus };
  /** The control that changes the agent's own status (shown in place of the status words). */
  statusControl?: ReactNode;
  onLogout(): void;
}

export function StatusBar({ connection, sip, ai, offline, dnd, agent, statusControl, onLogout }: StatusBarProps) {
  const { t } = useTranslation();
  const hub = HUB[connection];
  const sipState = sip?.state ?? 'unknown';
  const sipVisual = SIP[sipState];
  const aiState = ai?.state ?? 'unknown';
  const aiVisual = AI[aiState];
  const agentVisual = AGENT[agent.status];
  const AgentIcon = agentVisual.icon;
  const role = t(`role.${agent.role}`);
  const status = t(`agentStatus.${agent.status}`);
  const withDetail = (label: string, detail: string | null | undefined): string => (detail ? `${label} — ${detail}` : label);

  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <div className="statusbar-group">
        <StateBadge testId="hub-connection" state={connection} {...hub} label={t(`status.hub.${connection}`)} />
        <StateBadge
          testId="registration-status"
          state={sipState}
          {...sipVisual}
          label={t(`status.sip.${sipState}`)}
          ariaLabel={withDetail(t(`status.sip.${sipState}`), sip?.detail)}
        />
        <StateBadge
          testId="ai-status"
          state={aiState}
          {...aiVisual}
          label={t(`status.ai.${aiState}`)}
          ariaLabel={withDetail(t(`status.ai.${aiState}`), ai?.detail)}
        />
        {dnd && <StateBadge testId="dnd-badge" state="on" icon={BellOff} tone="warn" label={t('status.dnd')} ariaLabel={t('status.dndDetail')} />}
        {offline && <StateBadge testId="offline-badge" state="offline" icon={CloudOff} tone="bad" label={t('status.offline')} ariaLabel={t('status.offlineDetail')} />}
      </div>
      <div className="statusbar-group statusbar-end">
        <span
          className={`agent-chip tone-${agentVisual.tone}`}
          data-testid="agent-status"
          data-state={agent.status}
          role={statusControl ? 'group' : 'status'}
          aria-label={t('status.agentLabel', { name: agent.name, role, status })}
          title={t('status.agentLabel', { name: agent.name, role, status })}
        >
          <UserRound className="icon" size={16} aria-hidden="true" />
          <span className="agent-name">{agent.name}</span>
          <span className="sep" aria-hidden="true">
            ·
          </span>
          <span className="agent-role">{role}</span>
          <span className="sep" aria-hidden="true">
            ·
          </span>
          <span className="agent-state">
            <AgentIcon className="icon" size={16} aria-hidden="true" />
            {statusControl ?? status}
          </span>
        </span>
        <button type="button" className="button ghost small" onClick={onLogout} data-testid="logout">
          <LogOut className="icon" size={16} aria-hidden="true" />
          <span>{t('status.logout')}</span>
        </button>
      </div>
    </footer>
  );
}
