import { useSession } from '../../app/stores-context.tsx';
import { LoginForm } from './LoginForm.tsx';

export function LoginContainer() {
  const phase = useSession((s) => s.phase);
  const error = useSession((s) => s.error);
  const login = useSession((s) => s.login);
  return <LoginForm busy={phase === 'signing-in'} error={error} onSubmit={(req) => void login(req)} />;
}
