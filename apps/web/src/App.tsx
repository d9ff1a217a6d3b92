import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { exchangeSignInLink, signOut } from './auth/session';
import type { ViewerQuery } from './generated/graphql';
import { StatsPanel } from './stats/StatsPanel';

const VIEWER = gql`
  query Viewer {
    viewer {
      username
      role
    }
  }
`;

export function App() {
  const [linkState, setLinkState] = useState<'pending' | 'done'>('pending');
  const [linkError, setLinkError] = useState<string | null>(null);
  useEffect(() => {
    exchangeSignInLink(window.location, window.history).then((err) => {
      setLinkError(err);
      setLinkState('done');
    });
  }, []);
  const viewer = useQuery<ViewerQuery>(VIEWER, { skip: linkState !== 'done' });

  if (linkState !== 'done' || viewer.loading) return <p className="status">Loading…</p>;
  const user = viewer.data?.viewer;
  return (
    <div className="app">
      <header className="topbar">
        <h1>SMART Graph</h1>
        <span className="tagline">Health-sector third-party dependency map</span>
        {user && (
          <span className="user">
            {user.username} · {user.role.toLowerCase()}{' '}
            <button type="button" onClick={() => signOut().then(() => window.location.assign('/'))}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main>
        {user ? (
          <StatsPanel />
        ) : (
          <section className="signin" aria-label="Sign in">
            <h2>Sign in</h2>
            {linkError && <p role="alert">{linkError}</p>}
            <p>
              Open the sign-in link that <code>npm start</code> printed, or ask an administrator for one (
              <code>npm run token -- --role viewer</code>).
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
