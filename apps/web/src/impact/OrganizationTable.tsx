// Results per organization (issue 18): each affected organization with its type,
// subsector, region, first clinical failure, workflows failed and degraded and the
// critical functions hit, a page at a time from the server. Its filters (type,
// subsector, workflow category, a time window following the scrubber, the names
// shown) narrow the rows and every count alike.
import { useState } from 'react';
import { SUBSECTOR_LABEL } from '../explorer/kinds';
import type {
  ImpactInput,
  OrganizationImpactSortField,
  OrganizationsPageQuery,
  Subsector,
  WorkflowCategory,
} from '../generated/graphql';
import { formatHours } from './duration';
import {
  MoreRows,
  SearchFilter,
  SortHeader,
  TableHeading,
  TimeWindowFilter,
  WorkflowCategoryFilter,
  useDebounced,
} from './FilterBar';
import { ORGANIZATIONS_PAGE } from './queries';
import { windowFrom } from './table';
import { usePages } from './usePages';

const PAGE = 100;
type OrgRow = OrganizationsPageQuery['impact']['organizations']['edges'][number]['node'];

export function OrganizationTable({
  input,
  at = 0,
  onSelect,
}: {
  input: ImpactInput | null;
  at?: number;
  onSelect: (id: string) => void;
}) {
  const [text, setText] = useState('');
  const search = useDebounced(text);
  const [type, setType] = useState('');
  const [subsector, setSubsector] = useState<Subsector | ''>('');
  const [category, setCategory] = useState<WorkflowCategory | ''>('');
  const [windowHours, setWindowHours] = useState<number | null>(null);
  const [sort, setSort] = useState<{ field: OrganizationImpactSortField; dir: 'ASC' | 'DESC' }>({
    field: 'FIRST_CLINICAL_FAILURE',
    dir: 'ASC',
  });
  const failsWithin = windowFrom(useDebounced(at, 200), windowHours);
  const [types, setTypes] = useState<string[]>([]);
  const pages = usePages<OrganizationsPageQuery, OrgRow>(
    ORGANIZATIONS_PAGE,
    input
      ? {
          input,
          search: search.trim() || null,
          types: type ? [type] : null,
          subsectors: subsector ? [subsector] : null,
          workflowCategories: category ? [category] : null,
          failsWithin,
          orderBy: { field: sort.field, direction: sort.dir },
        }
      : null,
    (d) => {
      const c = d.impact.organizations;
      // The type filter's choices: every type among the affected organizations.
      if (c.types.join('\n') !== types.join('\n')) setTypes(c.types);
      return c;
    },
    PAGE,
  );
  const total = pages.totalCount;
  const header = (field: OrganizationImpactSortField, label: string, numeric = false) => (
    <SortHeader
      label={label}
      numeric={numeric}
      active={sort.field === field}
      ascending={sort.dir === 'ASC'}
      onSort={(ascending) => setSort({ field, dir: ascending ? 'ASC' : 'DESC' })}
    />
  );

  return (
    <section className="affected" aria-label="Affected organizations" aria-busy={pages.loading}>
      <div className="table-tools">
        <TableHeading title="Organizations" total={total} />
        <SearchFilter
          label="Filter organizations"
          placeholder="Filter by name, type or id"
          value={text}
          onChange={setText}
        />
        <select aria-label="Organization type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          aria-label="Subsector"
          value={subsector}
          onChange={(e) => setSubsector(e.target.value as Subsector | '')}
        >
          <option value="">All subsectors</option>
          {Object.entries(SUBSECTOR_LABEL).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        <WorkflowCategoryFilter value={category} onChange={setCategory} />
        <TimeWindowFilter value={windowHours} onChange={setWindowHours} />
      </div>
      {(failsWithin || category) && (
        <p className="muted small">
          Counting only {category ? `${category.toLowerCase()} ` : ''}workflows
          {failsWithin
            ? ` failing between ${formatHours(failsWithin.from)} and ${formatHours(failsWithin.to)} (follows the timeline's scrubber)`
            : ''}
          .
        </p>
      )}
      {pages.error && (
        <p className="alert" role="alert">
          Could not load the organizations: {pages.error}
        </p>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {header('NAME', 'Organization')}
              {header('TYPE', 'Type')}
              {header('SUBSECTOR', 'Subsector')}
              <th scope="col">Region</th>
              {header('FIRST_CLINICAL_FAILURE', 'First clinical failure', true)}
              {header('WORKFLOWS_FAILED', 'Workflows failed', true)}
              {header('WORKFLOWS_DEGRADED', 'Workflows degraded', true)}
              {header('CRITICAL_FUNCTIONS', 'Critical functions hit', true)}
            </tr>
          </thead>
          <tbody>
            {pages.nodes.map((o) => (
              <tr key={o.organization.id}>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(o.organization.id)}>
                    {o.organization.name}
                  </button>
                  {o.state && <div className="muted small">itself {o.state.toLowerCase()}</div>}
                </td>
                <td>{o.type ?? '—'}</td>
                <td>{o.subsector ? (SUBSECTOR_LABEL[o.subsector] ?? o.subsector) : '—'}</td>
                <td>{o.organization.region ?? '—'}</td>
                <td className="num">
                  {o.firstClinicalFailureAtHours == null ? '—' : formatHours(o.firstClinicalFailureAtHours)}
                </td>
                <td className="num">{o.workflowsFailed}</td>
                <td className="num">{o.workflowsDegraded}</td>
                <td className="num">{o.criticalFunctionsHit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {total === 0 && <p className="muted pad">No affected organization matches.</p>}
        <MoreRows
          total={total}
          shown={pages.nodes.length}
          page={PAGE}
          hasMore={pages.hasMore}
          loading={pages.loading}
          onMore={pages.loadMore}
        />
      </div>
    </section>
  );
}
