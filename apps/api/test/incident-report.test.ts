// An incident's picture at a moment (reports/incident.ts) against its definition
// (DESIGN §4 "Incidents"), for random failures of the demo map's suppliers, random
// durations and random moments: a partition of the affected entities, nested windows,
// and a call list that holds every failed clinical workflow once, in order.
import { Kind, graphFromTemplate, impact } from '@smart/engine';
import { demoEcosystem } from '@smart/seed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organizationOf } from '../src/reports/affected';
import { FAILING_NEXT_HOURS, incidentPicture } from '../src/reports/incident';

const t = demoEcosystem();
const g = graphFromTemplate(t);
const suppliers = t.suppliers.map((s) => s.id);
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('incidentPicture', () => {
  it('splits the affected entities at the moment as defined, for any failure, duration and moment', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...suppliers), { minLength: 1, maxLength: 3 }),
        fc.option(fc.double({ min: 1, max: 1000, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0, max: 1200, noNaN: true }),
        (failed, durationHours, e) => {
          const r = impact(g, { failed: failed.map((id) => ({ id })), durationHours });
          const p = incidentPicture(g, r.affected, e);
          const failedAt = (a: (typeof r.affected)[number]) =>
            a.state === 'FAILED' ? (a.failedAtHours ?? 0) : Number.POSITIVE_INFINITY;
          const isWorkflow = (id: string) => g.kinds[g.indexOf(id)] === Kind.WORKFLOW;
          expect(ids(p.failedNow.entities)).toEqual(ids(r.affected.filter((a) => failedAt(a) <= e)));
          expect(ids(p.degradedNow.entities)).toEqual(
            ids(r.affected.filter((a) => failedAt(a) > e && a.disruptedAtHours <= e)),
          );
          expect(p.failedNow.workflows).toBe(p.failedNow.entities.filter((a) => isWorkflow(a.id)).length);
          // The windows: workflows failing in (e, e + N], nested.
          for (const [i, w] of p.failingNext.entries()) {
            expect(w.hours).toBe(FAILING_NEXT_HOURS[i]);
            expect(ids(w.entities)).toEqual(
              ids(
                r.affected.filter((a) => isWorkflow(a.id) && failedAt(a) > e && failedAt(a) <= e + w.hours),
              ),
            );
            if (i > 0)
              expect(w.entities.length).toBeGreaterThanOrEqual(p.failingNext[i - 1]!.entities.length);
          }
          // The call list: every failed clinical workflow of an organization once, orgs by first failure.
          const clinical = r.affected.filter(
            (a) =>
              a.state === 'FAILED' &&
              isWorkflow(a.id) &&
              g.categories[g.indexOf(a.id)]?.toLowerCase() === 'clinical' &&
              organizationOf(g, g.indexOf(a.id)) >= 0,
          );
          expect(ids(p.callList.flatMap((c) => c.workflows))).toEqual(ids(clinical));
          for (const [i, c] of p.callList.entries()) {
            expect(c.firstFailureAtHours).toBe(Math.min(...c.workflows.map((w) => w.failedAtHours!)));
            expect(c.hoursUntilFirstFailure).toBe(c.firstFailureAtHours - e);
            for (const w of c.workflows)
              expect(g.ids[organizationOf(g, g.indexOf(w.id))]).toBe(c.organizationId);
            if (i > 0)
              expect(c.firstFailureAtHours).toBeGreaterThanOrEqual(p.callList[i - 1]!.firstFailureAtHours);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
