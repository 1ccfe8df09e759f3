import { ClaimPage, ConfirmEmailPage, SignInPage } from '../features/members/index.ts';
import { Home } from './Home.tsx';
import { PlanScreen } from './PlanScreen.tsx';
import { PrintScreen } from './lazy.tsx';
import { HomeLink } from './HomeLink.tsx';
import { planToken, printToken } from './paths.ts';
import { usePath } from './router.ts';

export function App() {
  const path = usePath();
  const token = planToken(path);
  if (token) return <PlanScreen key={token} token={token} />;
  const print = printToken(path);
  if (print) return <PrintScreen key={print} token={print} />;
  if (path === '/' || path === '') return <Home />;
  const invite = /^\/invite\/([A-Za-z0-9_-]{43})\/?$/.exec(path);
  if (invite) return <ClaimPage key={invite[1]} secret={invite[1]!} />;
  const signIn = /^\/sign-in(?:\/([A-Za-z0-9_-]{43}))?\/?$/.exec(path);
  if (signIn) return <SignInPage key={signIn[1] ?? ''} secret={signIn[1] ?? null} />;
  const confirm = /^\/confirm-email\/([A-Za-z0-9_-]{43})\/?$/.exec(path);
  if (confirm) return <ConfirmEmailPage key={confirm[1]} secret={confirm[1]!} />;
  return (
    <div className="centered-page">
      <div className="card error-card" data-testid="not-found" role="alert">
        <h1>Page not found</h1>
        <p>There is nothing at {path}. Plan links look like /p/… .</p>
        <HomeLink />
      </div>
    </div>
  );
}
