// Data quality: what weakens the map's answers — workflows no critical function
// counts, workflows and organizations nothing is mapped for, catalogue entries no one
// uses, dependencies recorded with low confidence — each with how many and the first
// few, and a way to the possible duplicates.
import { useQuery } from '@apollo/client/react';
import type { DataQualityQuery, DataQualityQueryVariables } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { DATA_QUALITY } from './queries';

export function QualityPage() {
  const q = useQuery<DataQualityQuery, DataQualityQueryVariables>(DATA_QUALITY, {
    variables: { samples: 10 },
  });
  const findings = q.data?.dataQuality ?? [];
  return (
    <section className="page quality">
      <h1>Data quality</h1>
      <p className="lede">
        What weakens the map's answers: gaps the analyses cannot see. Fix them in the explorer or in the next
        template. Two spellings of one vendor are listed under{' '}
        <Link to={{ view: 'duplicates' }}>possible duplicates</Link>.
      </p>
      {q.error && (
        <p className="alert" role="alert">
          Could not load the checks: {q.error.message}
        </p>
      )}
      {q.loading && !q.data && <p className="status">Checking the map…</p>}
      <ul className="quality-list">
        {findings.map((f) => (
          <li key={f.check}>
            <section aria-labelledby={`q-${f.check}`}>
              <h2 id={`q-${f.check}`}>
                {f.title}{' '}
                <span className={f.count === 0 ? 'count ok' : 'count'}>
                  {f.count.toLocaleString('en-US')}
                </span>
              </h2>
              <p className="why">{f.why}</p>
              {f.samples.length > 0 && (
                <ul className="samples">
                  {f.samples.map((s) => (
                    <li key={`${s.entity.id} ${s.detail ?? ''}`}>
                      <KindIcon kind={s.entity.kind} />{' '}
                      <Link to={{ ...HOME, focus: s.entity.id }} title={s.entity.name}>
                        {s.entity.name}
                      </Link>{' '}
                      <code>{s.entity.id}</code>
                      {s.detail && <span className="detail"> — {s.detail}</span>}
                    </li>
                  ))}
                  {f.count > f.samples.length && (
                    <li className="more">and {(f.count - f.samples.length).toLocaleString('en-US')} more</li>
                  )}
                </ul>
              )}
            </section>
          </li>
        ))}
      </ul>
    </section>
  );
}
