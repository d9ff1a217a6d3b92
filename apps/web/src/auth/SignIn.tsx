import { type FormEvent, useState } from 'react';
import { passwordSignIn } from './session';

export function SignIn({ linkError, onSignedIn }: { linkError: string | null; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const err = await passwordSignIn(username.trim(), password);
    setBusy(false);
    if (err) setError(err);
    else {
      setPassword('');
      onSignedIn();
    }
  };

  return (
    <main className="signin-page">
      <section className="card signin" aria-labelledby="signin-title">
        <h2 id="signin-title">Sign in</h2>
        <p className="muted">The sector map is sensitive: every view needs a role.</p>
        {linkError && (
          <p className="alert" role="alert">
            {linkError}
          </p>
        )}
        <form onSubmit={submit} className="form">
          <label>
            Username
            <input
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <h3>Or use a sign-in link</h3>
        <p>
          Open the one-time link that <code>npm start</code> printed, or ask an administrator for one (
          <code>npm run token -- code --role viewer</code>); each link works once, for a few minutes.
        </p>
      </section>
    </main>
  );
}
