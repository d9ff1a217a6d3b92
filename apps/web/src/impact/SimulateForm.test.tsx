// @vitest-environment happy-dom
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImpactRoute } from '../url/route';
import { SimulateForm } from './SimulateForm';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const SUPPLIER = { id: 'sup', name: 'Clearing Co', kind: 'SUPPLIER' as const };

function renderForm(current: ImpactRoute | null, suggestion: typeof SUPPLIER | null = SUPPLIER) {
  const onRun = vi.fn();
  const onClear = vi.fn();
  render(
    <MockedProvider mocks={[]}>
      <SimulateForm
        current={current}
        suggestion={suggestion}
        names={new Map()}
        onRun={onRun}
        onClear={onClear}
      />
    </MockedProvider>,
  );
  return { onRun, onClear };
}

const run = () => fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));

describe('SimulateForm', () => {
  it('starts from the selected entity and the default outage (24 h), discrete', () => {
    const { onRun } = renderForm(null);
    expect(screen.getByRole('button', { name: 'Remove Clearing Co' })).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Outage duration' }).getAttribute('aria-valuetext')).toBe(
      '24 h (1 day)',
    );
    run();
    expect(onRun).toHaveBeenCalledWith({ ids: ['sup'], hours: 24, model: 'DISCRETE', at: null });
  });

  it('indefinite and the inoperability model are what is run; no entity, no run', () => {
    const { onRun } = renderForm(null);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Indefinite (no recovery)' }));
    expect(screen.getByRole('slider', { name: 'Outage duration' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Inoperability/ }));
    run();
    expect(onRun).toHaveBeenLastCalledWith({ ids: ['sup'], hours: null, model: 'INOPERABILITY', at: null });
  });

  it('without a selected entity nothing is chosen and nothing can run', () => {
    const { onRun } = renderForm(null, null);
    expect(screen.getByRole('button', { name: 'Run simulation' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Add at least one entity.')).toBeTruthy();
    run();
    expect(onRun).not.toHaveBeenCalled();
  });

  it('opens on the simulation on screen, which it can close', () => {
    const current: ImpactRoute = { ids: ['a', 'b'], hours: 54, model: 'INOPERABILITY', at: null };
    const { onRun, onClear } = renderForm(current);
    expect(screen.getByRole('slider', { name: 'Outage duration' }).getAttribute('aria-valuetext')).toBe(
      '54 h (2.3 days)',
    );
    run();
    expect(onRun).toHaveBeenCalledWith({ ids: ['a', 'b'], hours: 54, model: 'INOPERABILITY', at: null });
    fireEvent.click(screen.getByRole('button', { name: 'Close simulation' }));
    expect(onClear).toHaveBeenCalledOnce();
  });
});
