// The shell: sign-in gate, header (navigation, who is signed in and with which role)
// and the view the URL names.
import { skipToken, useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { can, ROLE_LABEL } from './auth/roles';
import { exchangeSignInLink, signOut } from './auth/session';
import { SignIn } from './auth/SignIn';
import { Explorer } from './explorer/Explorer';
import type { ViewerQuery } from './generated/graphql';
import { VIEWER } from './auth/queries';
import { DuplicatesPage } from './duplicates/DuplicatesPage';
import { ImportPage } from './import/ImportPage';
import { OverviewPage } from './overview/OverviewPage';
import { QualityPage } from './quality/QualityPage';
import { RiskDashboard } from './risk/RiskDashboard';
import { IncidentsPage } from './incidents/IncidentsPage';
import { ScenariosPage } from './scenarios/ScenariosPage';
import { StatsPanel } from './stats/StatsPanel';
import { Link } from './ui/Link';
import { HOME, RISK_HOME, type Route } from './url/route';
import { useRoute } from './url/useRoute';

export function App() {
  const [linkState, setLinkState] = useState<'pending' | 'done'>('pending');
  const [linkError, setLinkError] = useState<string | null>(null);
  const client = useApolloClient();
  const route = useRoute();

  useEffect(() => {
    exchangeSignInLink(window.location, window.history).then((err) => {
      setLinkError(err);
      setLinkState('done');
    });
  }, []);

  // Not before the sign-in link has become a cookie: the answer would be "nobody".
  const viewer = useQuery<ViewerQuery>(
    VIEWER,
    linkState === 'done' ? { fetchPolicy: 'network-only' } : skipToken,
  );
  useEffect(() => {
    document.title = titleOf(route);
  }, [route]);

  if (linkState !== 'done' || (viewer.loading && !viewer.data)) return <p className="status">Loading…</p>;
  const user = viewer.data?.viewer;
  if (!user)
    return (
      <div className="app">
        <header className="topbar">
          <span className="brand">SMART Graph</span>
          <span className="tagline">Health-sector third-party dependency map</span>
        </header>
        {viewer.error && (
          <p className="alert page-alert" role="alert">
            The server could not be reached: {viewer.error.message}
          </p>
        )}
        <SignIn
          linkError={linkError}
          onSignedIn={() => {
            setLinkError(null);
            void client.resetStore();
          }}
        />
      </div>
    );

  const nav: { to: Route; label: string; active: boolean }[] = [
    { to: HOME, label: 'Explorer', active: route.view === 'explorer' },
    {
      to: { view: 'overview', organizations: 'subsector', node: null },
      label: 'Overview',
      active: route.view === 'overview',
    },
    { to: RISK_HOME, label: 'Systemic risk', active: route.view === 'risk' },
    {
      to: { view: 'scenarios', id: null, compare: null },
      label: 'Scenarios',
      active: route.view === 'scenarios',
    },
    {
      to: { view: 'incidents', id: null, at: null },
      label: 'Incidents',
      active: route.view === 'incidents',
    },
  ];
  nav.push({
    to: { view: 'quality' },
    label: 'Data quality',
    active: route.view === 'quality' || route.view === 'duplicates',
  });
  if (can(user.role, 'import'))
    nav.push({ to: { view: 'import' }, label: 'Import', active: route.view === 'import' });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">SMART Graph</span>
        <nav aria-label="Main">
          <ul>
            {nav.map((n) => (
              <li key={n.label}>
                <Link
                  to={n.to}
                  aria-current={n.active ? 'page' : undefined}
                  className={n.active ? 'active' : undefined}
                >
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="user">
          <span className="username">{user.username}</span>
          <span className={`role role-${user.role.toLowerCase()}`} title="Your role">
            {ROLE_LABEL[user.role]}
          </span>
          <button
            type="button"
            onClick={() =>
              signOut().then(async () => {
                await client.clearStore();
                window.location.assign('/');
              })
            }
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main" className={`view-${route.view}`}>
        {route.view === 'explorer' && <Explorer route={route} role={user.role} />}
        {route.view === 'overview' && <OverviewPage route={route} />}
        {route.view === 'duplicates' && <DuplicatesPage role={user.role} />}
        {route.view === 'quality' && <QualityPage />}
        {route.view === 'risk' && <RiskDashboard route={route} />}
        {route.view === 'scenarios' && <ScenariosPage route={route} role={user.role} />}
        {route.view === 'incidents' && <IncidentsPage route={route} role={user.role} />}
        {route.view === 'import' &&
          (can(user.role, 'import') ? (
            <ImportPage role={user.role} />
          ) : (
            <section className="page">
              <h1>Import</h1>
              <p>Importing templates needs the Analyst role; you are signed in as a viewer.</p>
            </section>
          ))}
        {route.view === 'notFound' && (
          <section className="page">
            <h1>Page not found</h1>
            <p>
              Nothing lives at <code>{route.path}</code>. <Link to={HOME}>Go to the explorer</Link>.
            </p>
            <StatsPanel />
          </section>
        )}
      </main>
    </div>
  );
}

function titleOf(route: Route): string {
  const base = 'SMART Graph';
  switch (route.view) {
    case 'explorer':
      return route.impact ? `Impact · ${base}` : route.paths ? `Paths · ${base}` : base;
    case 'risk':
      return `Systemic risk · ${base}`;
    case 'scenarios':
      return `Scenarios · ${base}`;
    case 'incidents':
      return `Incidents · ${base}`;
    case 'import':
      return `Import · ${base}`;
    case 'overview':
      return `Sector overview · ${base}`;
    case 'duplicates':
      return `Possible duplicates · ${base}`;
    case 'quality':
      return `Data quality · ${base}`;
    case 'notFound':
      return `Not found · ${base}`;
  }
}
