// Editing from the details panel (ANALYST and up; the explorer renders nothing of this
// for a VIEWER): create, edit and delete entities, add, change and remove dependencies.
// Every form is checked by the template rules (@smart/domain) before it is sent, says
// what the save changes before saving, and sends the version it was opened at, so a
// save over someone else's is refused ("changed since you opened it"). A finished edit
// is handed to the explorer with its undo (the inverse edit).
import { useQuery } from '@apollo/client/react';
import { DEPENDENCY_FROM_KINDS, DEPENDENCY_TO_KINDS, type EntityKind } from '@smart/domain';
import { type FormEvent, useState } from 'react';
import type { DeleteEntityPreviewQuery, EntityForEditQuery } from '../generated/graphql';
import { KIND_META } from '../explorer/kinds';
import { SearchBox } from '../explorer/SearchBox';
import {
  changesOf,
  checkDependency,
  checkEntity,
  emptyValues,
  type FormValues,
  formFields,
  inputOfEntity,
  isRequired,
  specOf,
  valuesOf,
} from './form';
import {
  ADD_DEPENDENCY,
  DELETE_ENTITY,
  DELETE_PREVIEW,
  ENTITY_FOR_EDIT,
  REMOVE_DEPENDENCY,
  RESTORE_ENTITIES,
  UPSERT_ENTITY,
} from './queries';
import { type EditFailure, useRunEdit } from './run';

/** A finished edit, for the explorer's "Undo" bar and its refresh. */
export interface EditDone {
  /** What was done, in words ("Added the dependency …"). */
  label: string;
  /** Applies the inverse edit; resolves to what it did, in words. */
  undo: () => Promise<string>;
  /** Entities the edit removed, dropped from the canvas. */
  removed?: string[];
  /** Entities its undo removes (a created one). */
  undoRemoves?: string[];
  /** An entity to select afterwards (a new one). */
  focus?: string;
}

type Entity = NonNullable<EntityForEditQuery['entity']>;
type Dep = EntityForEditQuery['dependencies'][number]['alternatives'][number];
type Mode =
  | { form: 'none' }
  | { form: 'edit' }
  | { form: 'create'; kind: EntityKind; preset: FormValues }
  | { form: 'delete' }
  | { form: 'dependency'; edit?: Dep }
  | { form: 'remove'; dep: Dep };

/** What a new entity created from this one starts as: a service of a supplier, a workflow of an organization. */
function childOf(e: Entity): { kind: EntityKind; preset: FormValues } {
  if (e.kind === 'SUPPLIER') return { kind: 'SERVICE', preset: { supplierId: e.id } };
  if (e.kind === 'ORGANIZATION') return { kind: 'WORKFLOW', preset: { organizationId: e.id } };
  return { kind: e.kind, preset: {} };
}

export function EditPanel({ id, onDone }: { id: string; onDone: (done: EditDone) => void }) {
  const { data } = useQuery<EntityForEditQuery>(ENTITY_FOR_EDIT, { variables: { id } });
  const [mode, setMode] = useState<Mode>({ form: 'none' });
  const e = data?.entity;
  if (!e) return null;
  const close = () => setMode({ form: 'none' });
  const done = (d: EditDone) => {
    close();
    onDone(d);
  };
  // A service's supplier is listed among its dependencies (DESIGN.md §3) but is its
  // PROVIDED_BY link, changed by editing the service, not a DEPENDS_ON edge.
  const supplierId = 'supplier' in e ? e.supplier?.id : undefined;
  const deps = data.dependencies
    .flatMap((g) => g.alternatives)
    .filter((d) => !(d.to.id === supplierId && d.group === null && d.notes === 'provided by'));
  const canDepend = DEPENDENCY_FROM_KINDS.includes(e.kind);

  return (
    <section className="edit-panel" aria-label="Edit">
      <div className="actions">
        <button type="button" onClick={() => setMode({ form: 'edit' })}>
          Edit
        </button>
        {canDepend && (
          <button type="button" onClick={() => setMode({ form: 'dependency' })}>
            Add dependency
          </button>
        )}
        <button type="button" onClick={() => setMode({ form: 'create', ...childOf(e) })}>
          New entity
        </button>
        <button type="button" className="danger" onClick={() => setMode({ form: 'delete' })}>
          Delete…
        </button>
      </div>
      {mode.form === 'edit' && (
        <EntityForm key={`edit-${e.version}`} kind={e.kind} entity={e} onCancel={close} onDone={done} />
      )}
      {mode.form === 'create' && (
        <CreateForm initialKind={mode.kind} preset={mode.preset} onCancel={close} onDone={done} />
      )}
      {mode.form === 'delete' && <DeleteConfirm entity={e} onCancel={close} onDone={done} />}
      {mode.form === 'dependency' && (
        <DependencyForm from={e} deps={deps} edit={mode.edit} onCancel={close} onDone={done} />
      )}
      {mode.form === 'remove' && (
        <RemoveConfirm from={e} dep={mode.dep} deps={deps} onCancel={close} onDone={done} />
      )}
      {canDepend && deps.length > 0 && mode.form === 'none' && (
        <ul className="edit-deps" aria-label="Edit dependencies">
          {deps.map((d) => (
            <li key={d.to.id}>
              <span>{d.to.name}</span>
              {d.group && <span className="muted small"> · {d.group}</span>}{' '}
              <button type="button" className="link" onClick={() => setMode({ form: 'dependency', edit: d })}>
                Edit<span className="sr-only"> the dependency on {d.to.name}</span>
              </button>{' '}
              <button type="button" className="link" onClick={() => setMode({ form: 'remove', dep: d })}>
                Remove<span className="sr-only"> the dependency on {d.to.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Failure({ failure }: { failure: EditFailure | null }) {
  if (!failure) return null;
  return (
    <p className="alert" role="alert">
      {failure.conflict ? 'Not saved: ' : 'Not saved. '}
      {failure.message}
    </p>
  );
}

/** One input of a form, with its label, unit, and its problem. */
function Field({
  kind,
  field,
  value,
  error,
  disabled,
  onChange,
}: {
  kind: EntityKind;
  field: string;
  value: string;
  error?: string;
  disabled?: boolean;
  onChange: (v: string) => void;
}) {
  const spec = specOf(kind, field);
  const inputId = `edit-${field}`;
  const describedBy = error ? `${inputId}-error` : undefined;
  const common = {
    id: inputId,
    value,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={inputId}>
        {spec.label}
        {isRequired(kind, field) && <span aria-hidden="true"> *</span>}
        {spec.hint && <span className="muted small"> ({spec.hint})</span>}
      </label>
      {spec.input === 'select' ? (
        <select {...common} onChange={(ev) => onChange(ev.target.value)}>
          <option value="">—</option>
          {spec.options!.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : spec.input === 'textarea' ? (
        <textarea {...common} rows={2} onChange={(ev) => onChange(ev.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={spec.input === 'number' ? 'decimal' : undefined}
          onChange={(ev) => onChange(ev.target.value)}
        />
      )}
      {spec.ref && !disabled && (
        <SearchBox
          label={`Find the ${spec.label.toLowerCase()}`}
          placeholder={`Search ${KIND_META[spec.ref].plural.toLowerCase()}…`}
          kinds={[spec.ref]}
          onPick={(hit) => onChange(hit.id)}
        />
      )}
      {error && (
        <p className="field-error" id={describedBy}>
          {spec.label}: {error}
        </p>
      )}
    </div>
  );
}

function EntityForm({
  kind,
  entity,
  preset,
  onCancel,
  onDone,
}: {
  kind: EntityKind;
  entity?: Entity;
  preset?: FormValues;
  onCancel: () => void;
  onDone: (d: EditDone) => void;
}) {
  const before = entity ? valuesOf(entity as unknown as Record<string, unknown>) : emptyValues(kind);
  const [values, setValues] = useState<FormValues>(() => ({ ...before, ...preset }));
  const [tried, setTried] = useState(false);
  const run = useRunEdit();
  const checked = checkEntity(kind, values);
  const errors = { ...(tried && !checked.ok ? checked.errors : {}), ...run.fieldErrors };
  const changes = entity ? changesOf(kind, before, values) : [];

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setTried(true);
    if (!checked.ok || (entity && changes.length === 0)) return;
    const input = checked.input;
    const saved = await run.mutate<{ upsertEntity: { id: string; name: string; version: string } }>(
      UPSERT_ENTITY,
      {
        input,
        expectedVersion: entity ? entity.version : 'absent',
      },
    );
    if (!saved) return;
    const now = saved.upsertEntity;
    if (entity) {
      const back = checkEntity(kind, before);
      onDone({
        label: `Saved ${now.name}: ${changes.map((c) => c.label.toLowerCase()).join(', ')}`,
        undo: async () => {
          if (!back.ok) throw new Error('the previous values cannot be written back');
          await run.mutateOrThrow(UPSERT_ENTITY, { input: back.input, expectedVersion: now.version });
          return `Undone: ${now.name} is as before`;
        },
      });
    } else {
      onDone({
        label: `Created ${KIND_META[kind].label.toLowerCase()} ${now.name}`,
        focus: now.id,
        undo: async () => {
          const p = await run.preview(now.id);
          if (p.entities.length > 1 || p.dependencies.length > 0 || p.functionLinks.length > 0)
            throw new Error(
              `${now.name} changed since it was created (something now depends on it); delete it instead`,
            );
          await run.mutateOrThrow(DELETE_ENTITY, { id: now.id, expectedVersion: p.version });
          return `Undone: ${now.name} is deleted again`;
        },
        undoRemoves: [now.id],
      });
    }
  };

  return (
    <form
      className="form edit-form"
      aria-label={entity ? 'Edit entity' : 'New entity'}
      onSubmit={submit}
      noValidate
    >
      {formFields(kind).map((field) => (
        <Field
          key={field}
          kind={kind}
          field={field}
          value={values[field] ?? ''}
          error={errors[field]}
          disabled={field === 'id' && !!entity}
          onChange={(v) => {
            run.clear(field);
            setValues((old) => ({ ...old, [field]: v }));
          }}
        />
      ))}
      <div className="edit-preview" aria-label="What saving changes" role="status">
        {entity ? (
          changes.length === 0 ? (
            <p className="muted small">No changes yet.</p>
          ) : (
            <ul className="edit-changes">
              {changes.map((c) => (
                <li key={c.field}>
                  {c.label}: {c.from || '—'} → {c.to || '—'}
                </li>
              ))}
            </ul>
          )
        ) : (
          <p className="small">
            Creates the {KIND_META[kind].label.toLowerCase()} {values.name || '…'} ({values.id || 'id'}).
          </p>
        )}
      </div>
      <Failure failure={run.failure} />
      <div className="actions">
        <button type="submit" className="primary" disabled={run.busy || (!!entity && changes.length === 0)}>
          {entity ? 'Save' : 'Create'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CreateForm({
  initialKind,
  preset,
  onCancel,
  onDone,
}: {
  initialKind: EntityKind;
  preset: FormValues;
  onCancel: () => void;
  onDone: (d: EditDone) => void;
}) {
  const [kind, setKind] = useState<EntityKind>(initialKind);
  return (
    <div className="create">
      <label>
        Kind{' '}
        <select value={kind} onChange={(ev) => setKind(ev.target.value as EntityKind)}>
          {(Object.keys(KIND_META) as EntityKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_META[k].label}
            </option>
          ))}
        </select>
      </label>
      <EntityForm
        key={kind}
        kind={kind}
        preset={kind === initialKind ? preset : {}}
        onCancel={onCancel}
        onDone={onDone}
      />
    </div>
  );
}

type Preview = DeleteEntityPreviewQuery['deleteEntityPreview'];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The undo of a delete: the preview's content written back. */
function restoreInput(p: Preview) {
  return {
    entities: p.entities.map((x) => inputOfEntity(x as unknown as Record<string, unknown>)),
    dependencies: p.dependencies.map((d) => ({
      from: d.from.id,
      to: d.to.id,
      group: d.group,
      strength: d.strength,
      source: d.source,
      confidence: d.confidence,
      notes: d.notes,
    })),
    functionLinks: p.functionLinks.map((l) => ({ workflowId: l.workflowId, functionId: l.functionId })),
  };
}

function DeleteConfirm({
  entity,
  onCancel,
  onDone,
}: {
  entity: Entity;
  onCancel: () => void;
  onDone: (d: EditDone) => void;
}) {
  const { data, error } = useQuery<DeleteEntityPreviewQuery>(DELETE_PREVIEW, {
    variables: { id: entity.id },
    fetchPolicy: 'network-only',
  });
  const run = useRunEdit();
  const p = data?.deleteEntityPreview;
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!p) return;
    const ok = await run.mutate(DELETE_ENTITY, { id: entity.id, expectedVersion: p.version });
    if (!ok) return;
    const input = restoreInput(p);
    onDone({
      label: `Deleted ${entity.name}`,
      removed: p.entities.map((x) => x.id),
      undo: async () => {
        await run.mutateOrThrow(RESTORE_ENTITIES, { input });
        return `Undone: ${entity.name} is back with ${plural(p.dependencies.length, 'dependency', 'dependencies')}`;
      },
    });
  };
  const others = p ? p.entities.slice(1) : [];
  return (
    <form className="form edit-form" aria-label="Delete entity" onSubmit={submit}>
      {error && <p className="alert">Could not check what the delete removes: {error.message}</p>}
      {!p && !error && <p className="status">Checking what the delete removes…</p>}
      {p && (
        <div className="edit-preview" role="status" aria-label="What deleting removes">
          <p>
            Deletes {entity.name}
            {others.length > 0 && ` and ${others.map((x) => x.name).join(', ')}`}; removes{' '}
            {plural(p.dependencies.length, 'dependency', 'dependencies')}
            {p.functionLinks.length > 0 && ` and ${plural(p.functionLinks.length, 'function link')}`}.
          </p>
        </div>
      )}
      <Failure failure={run.failure} />
      <div className="actions">
        <button type="submit" className="danger" disabled={!p || run.busy}>
          Delete
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const DEP_FIELDS = ['group', 'strength', 'source', 'confidence', 'notes'] as const;

function DependencyForm({
  from,
  deps,
  edit,
  onCancel,
  onDone,
}: {
  from: Entity;
  deps: Dep[];
  edit?: Dep;
  onCancel: () => void;
  onDone: (d: EditDone) => void;
}) {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const [target, setTarget] = useState<{ id: string; name: string } | null>(edit ? edit.to : null);
  const [alternativeTo, setAlternativeTo] = useState('');
  const [values, setValues] = useState<FormValues>(() =>
    Object.fromEntries(DEP_FIELDS.map((f) => [f, text(edit?.[f])])),
  );
  const [tried, setTried] = useState(false);
  const run = useRunEdit();
  const checked = checkDependency({ from: from.id, to: target?.id ?? '', ...values });
  const errors = { ...(tried && !checked.ok ? checked.errors : {}), ...run.fieldErrors };
  const alt = deps.find((d) => d.to.id === alternativeTo);
  const existing = target ? deps.find((d) => d.to.id === target.id) : undefined;
  const group = alt ? (alt.group ?? values.group?.trim() ?? '') : (values.group?.trim() ?? '');

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setTried(true);
    if (!checked.ok || !target) return;
    const before = existing;
    const saved = await run.mutate<{ addDependency: { version: string; group: string | null } }>(
      ADD_DEPENDENCY,
      {
        input: checked.input,
        expectedVersion: before ? before.version : 'absent',
        alternativeTo: alt ? alt.to.id : null,
      },
    );
    if (!saved) return;
    const now = saved.addDependency;
    const regrouped = alt && !alt.group ? alt : null;
    onDone({
      label: before
        ? `Changed the dependency of ${from.name} on ${target.name}`
        : `Added the dependency of ${from.name} on ${target.name}${alt ? ` as an alternative to ${alt.to.name}` : ''}`,
      undo: async () => {
        if (before) {
          await run.mutateOrThrow(ADD_DEPENDENCY, {
            input: { from: from.id, to: target.id, ...edgeInput(before) },
            expectedVersion: now.version,
          });
          return `Undone: the dependency on ${target.name} is as before`;
        }
        await run.mutateOrThrow(REMOVE_DEPENDENCY, {
          from: from.id,
          to: target.id,
          expectedVersion: now.version,
        });
        if (regrouped) {
          // The alternative had no group before: take it out of the one it was given.
          const current = await run.edgeVersion(from.id, regrouped.to.id);
          await run.mutateOrThrow(ADD_DEPENDENCY, {
            input: { from: from.id, to: regrouped.to.id, ...edgeInput(regrouped) },
            expectedVersion: current,
          });
        }
        return `Undone: ${from.name} no longer depends on ${target.name}`;
      },
    });
  };

  return (
    <form
      className="form edit-form"
      aria-label={edit ? 'Edit dependency' : 'Add dependency'}
      onSubmit={submit}
      noValidate
    >
      {edit ? (
        <p>
          {from.name} depends on <strong>{edit.to.name}</strong>
        </p>
      ) : (
        <div className="field">
          <SearchBox
            label="Depends on"
            placeholder="Search a service, supplier, asset or workflow…"
            kinds={[...DEPENDENCY_TO_KINDS]}
            onPick={(hit) => {
              run.clear('to');
              setTarget({ id: hit.id, name: hit.name });
            }}
          />
          <p className="small" aria-live="polite">
            {target ? `Target: ${target.name} (${target.id})` : 'No target picked yet.'}
          </p>
          {errors.to && <p className="field-error">Target: {errors.to}</p>}
        </div>
      )}
      {!edit && deps.length > 0 && (
        <div className="field">
          <label htmlFor="edit-alternative">Alternative to</label>
          <select
            id="edit-alternative"
            value={alternativeTo}
            onChange={(ev) => setAlternativeTo(ev.target.value)}
          >
            <option value="">— none (a dependency of its own) —</option>
            {deps.map((d) => (
              <option key={d.to.id} value={d.to.id}>
                {d.to.name}
                {d.group ? ` (group ${d.group})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {DEP_FIELDS.map((field) =>
        field === 'group' && alt?.group ? null : (
          <Field
            key={field}
            kind="WORKFLOW"
            field={field}
            value={values[field] ?? ''}
            error={errors[field]}
            onChange={(v) => {
              run.clear(field);
              setValues((old) => ({ ...old, [field]: v }));
            }}
          />
        ),
      )}
      <div className="edit-preview" role="status" aria-label="What saving changes">
        <p className="small">
          {!target
            ? 'Pick what it depends on.'
            : existing
              ? `Replaces the dependency of ${from.name} on ${target.name}.`
              : `Adds: ${from.name} depends on ${target.name}${
                  alt
                    ? ` or ${alt.to.name} (group “${group || `${alt.to.id}|${target.id}`}”)${
                        alt.group ? '' : `; ${alt.to.name} joins that group`
                      }`
                    : group
                      ? ` (group “${group}”)`
                      : ', with no alternative'
                }.`}
        </p>
      </div>
      <Failure failure={run.failure} />
      <div className="actions">
        <button type="submit" className="primary" disabled={run.busy || !target}>
          {edit ? 'Save' : 'Add'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** An edge's fields as a DependencyInput's (without from and to). */
function edgeInput(d: Dep) {
  return { group: d.group, strength: d.strength, source: d.source, confidence: d.confidence, notes: d.notes };
}

function RemoveConfirm({
  from,
  dep,
  deps,
  onCancel,
  onDone,
}: {
  from: Entity;
  dep: Dep;
  deps: Dep[];
  onCancel: () => void;
  onDone: (d: EditDone) => void;
}) {
  const run = useRunEdit();
  const left = dep.group ? deps.filter((d) => d.group === dep.group && d.to.id !== dep.to.id) : [];
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const ok = await run.mutate(REMOVE_DEPENDENCY, {
      from: from.id,
      to: dep.to.id,
      expectedVersion: dep.version,
    });
    if (!ok) return;
    onDone({
      label: `Removed the dependency of ${from.name} on ${dep.to.name}`,
      undo: async () => {
        await run.mutateOrThrow(ADD_DEPENDENCY, {
          input: { from: from.id, to: dep.to.id, ...edgeInput(dep) },
          expectedVersion: 'absent',
        });
        return `Undone: ${from.name} depends on ${dep.to.name} again`;
      },
    });
  };
  return (
    <form className="form edit-form" aria-label="Remove dependency" onSubmit={submit}>
      <div className="edit-preview" role="status" aria-label="What removing changes">
        <p>
          Removes the dependency of {from.name} on {dep.to.name}
          {dep.group
            ? left.length > 0
              ? `; ${left.map((d) => d.to.name).join(', ')} stay${left.length === 1 ? 's' : ''} in group “${dep.group}”`
              : '; it was the last of its group'
            : ''}
          .
        </p>
      </div>
      <Failure failure={run.failure} />
      <div className="actions">
        <button type="submit" className="danger" disabled={run.busy}>
          Remove
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
