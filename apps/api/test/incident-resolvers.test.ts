// The incident resolvers over an in-memory incident repository (issue 15 item 2): the
// checks they make before the repository is asked, and the store's refusal of a closed
// incident reaching the client as the error mapper words it.
import { describe, expect, it } from 'vitest';
import { MemoryIncidentRepository, runOperation } from './support/backends';

const FIELDS = {
  name: 'Clearinghouse outage',
  failed: [{ id: 'sup-ch', inoperability: 1 }],
  startedAt: '2026-11-30T08:00:00.000Z',
  expectedDurationHours: 72,
  note: null,
};

describe('incident resolvers', () => {
  it('list open incidents first, then by latest start', async () => {
    const incidents = new MemoryIncidentRepository();
    const a = await incidents.declare({ ...FIELDS, name: 'older, open' }, 'ann');
    const b = await incidents.declare(
      { ...FIELDS, name: 'newer, closed', startedAt: '2026-12-01T08:00:00.000Z' },
      'ann',
    );
    await incidents.close(b.id, '2026-12-01T20:00:00.000Z', 'ann');
    const { data, errors } = await runOperation('{ incidents { name status } }', {
      incidentRepository: incidents,
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      incidents: [
        { name: a.name, status: 'OPEN' },
        { name: 'newer, closed', status: 'CLOSED' },
      ],
    });
  });

  it('closing: an end before the start is BAD_USER_INPUT on endedAt and the repository is not asked to close', async () => {
    const incidents = new MemoryIncidentRepository();
    const i = await incidents.declare(FIELDS, 'ann');
    incidents.calls.length = 0;
    const { errors } = await runOperation(
      `mutation { closeIncident(id: "${i.id}", endedAt: "2026-11-29T08:00:00Z") { id } }`,
      { incidentRepository: incidents },
    );
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('endedAt');
    expect(incidents.calls).toEqual([]);
  });

  it('closing a closed incident is CONFLICT naming id; an unknown one NOT_FOUND', async () => {
    const incidents = new MemoryIncidentRepository();
    const i = await incidents.declare(FIELDS, 'ann');
    const close = (id: string) =>
      runOperation(
        `mutation { closeIncident(id: "${id}", endedAt: "2026-11-30T20:00:00Z") { status endedAt } }`,
        {
          incidentRepository: incidents,
        },
      );
    const first = await close(i.id);
    expect(first.data).toEqual({ closeIncident: { status: 'CLOSED', endedAt: '2026-11-30T20:00:00.000Z' } });
    const again = await close(i.id);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'id' });
    const unknown = await close('inc-none');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
