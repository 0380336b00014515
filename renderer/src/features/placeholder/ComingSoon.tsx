import { Sparkles, type LucideIcon } from 'lucide-react';

export interface ComingSoonProps {
  icon: LucideIcon;
  title: string;
  badge: string;
  body: string;
  points: string[];
  testId: string;
}

/** A calm panel for a part of the console that is not built yet, saying what it will do. */
export function ComingSoon({ icon: Icon, title, badge, body, points, testId }: ComingSoonProps) {
  return (
    <section className="view" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <header className="view-header">
        <h1 id={`${testId}-title`} tabIndex={-1}>
          {title}
        </h1>
      </header>
      <div className="coming-soon">
        <Icon className="coming-soon-icon" size={40} aria-hidden="true" strokeWidth={1.6} />
        <p className="coming-soon-badge">
          <Sparkles className="icon" size={16} aria-hidden="true" />
          {badge}
        </p>
        <p className="coming-soon-body">{body}</p>
        <ul className="coming-soon-points">
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
