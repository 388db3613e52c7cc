// Renders one FieldSpec (src/shared/records/fields.ts) as an accessible control bound to
// react-hook-form. Every record kind's form is built from these, so adding a kind needs no UI code.
import type { ReactNode } from 'react';
import { useFieldArray, useFormContext, Controller, useWatch } from 'react-hook-form';
import type { FieldSpec } from '../../../shared/records/fields';
import { accountRoleHolds, conditionHolds, getPath } from '../../../shared/records/formSchema';
import { ROLE_LABELS } from '../../../shared/roles';
import type { AccountInfo } from '../../../shared/ipc/contract';
import { FieldFrame } from '../components/Field';
import { DateTimeInput } from './DateTimeInput';
import { fieldIdFor } from './kindResolver';

export interface Choice {
  id: string;
  label: string;
  /** For record choices: the record's kind, so a field's `kinds` can narrow the list. */
  kind?: string;
}

export interface FormChoices {
  accounts: readonly AccountInfo[];
  selfId: string;
  records?: readonly Choice[];
  devices?: readonly Choice[];
  children?: readonly Choice[];
  /** Other people involved, by the name given in the case details (for 'person' fields). */
  others?: readonly Choice[];
}

function errorAt(errors: unknown, path: string): string | undefined {
  const e = getPath(errors, path) as { message?: string } | undefined;
  return typeof e?.message === 'string' ? e.message : undefined;
}

/** The field's label: with the rule that requires it, or "(optional)" only when truly optional. */
function labelText(f: FieldSpec): ReactNode {
  return (
    <>
      {f.label}
      {/* A field a rule requires shows the rule, not "(optional)" (the kind's check enforces it). */}
      {f.rule ? (
        <span className="muted"> (required by rule {f.rule})</span>
      ) : f.requiredNote ? (
        <span className="muted"> ({f.requiredNote})</span>
      ) : (
        f.optional &&
        !(f.type === 'account' && f.self) && <span className="muted"> (optional)</span>
      )}
    </>
  );
}

function Label({ f, htmlFor, as }: { f: FieldSpec; htmlFor?: string; as?: 'legend' }) {
  const text = labelText(f);
  return as === 'legend' ? <legend>{text}</legend> : <label htmlFor={htmlFor}>{text}</label>;
}

/** Guidance and hint together, for FieldFrame's hint slot (both are read with the control). */
function helpOf(f: FieldSpec): ReactNode {
  if (!f.guidance && !f.help) return undefined;
  return (
    <>
      {f.guidance && <p className="guidance">{f.guidance}</p>}
      {f.help && <p className="hint-text">{f.help}</p>}
    </>
  );
}

function Help({ f, id }: { f: FieldSpec; id: string }) {
  return (
    <>
      {f.guidance && (
        <p className="guidance" id={`${id}-guidance`}>
          {f.guidance}
        </p>
      )}
      {f.help && (
        <p className="hint" id={`${id}-hint`}>
          {f.help}
        </p>
      )}
    </>
  );
}

function ids(id: string, f: FieldSpec, error?: string): string | undefined {
  return (
    [
      f.guidance ? `${id}-guidance` : null,
      f.help ? `${id}-hint` : null,
      error ? `${id}-error` : null,
    ]
      .filter(Boolean)
      .join(' ') || undefined
  );
}

const idFor = fieldIdFor;

export function FieldInput({
  f,
  path,
  choices,
  scopePath,
}: {
  f: FieldSpec;
  path: string;
  choices: FormChoices;
  scopePath?: string;
}) {
  const { register, control, formState } = useFormContext();
  const values = useWatch({ control });
  const scope = scopePath ? getPath(values, scopePath) : values;
  if (f.showIf && !conditionHolds(f.showIf, values, scope)) return null;
  // Shown only for some roles of the account chosen in another field (e.g. a witness who is not a senior leader).
  if (
    f.showIfAccountRole &&
    !accountRoleHolds(
      f.showIfAccountRole,
      values,
      scope,
      (aid) => choices.accounts.find((a) => a.id === aid)?.role,
    )
  )
    return null;
  const id = idFor(path);
  const error = errorAt(formState.errors, path);
  const errorEl = error ? (
    <p className="error-text" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
  const describedBy = ids(id, f, error);
  const invalid = error ? true : undefined;

  switch (f.type) {
    case 'id':
      return <input type="hidden" {...register(path)} />;
    case 'text':
      return (
        <FieldFrame label={labelText(f)} hint={helpOf(f)} error={error} id={id}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              maxLength={f.maxLength ?? 500}
              autoComplete="off"
              {...register(path)}
            />
          )}
        </FieldFrame>
      );
    case 'date':
    case 'time':
    case 'datetime':
      return (
        <Controller
          control={control}
          name={path}
          render={({ field }) => (
            <DateTimeInput
              id={id}
              kind={f.type}
              legend={labelText(f)}
              help={<Help f={f} id={id} />}
              error={errorEl}
              describedBy={[describedBy, `${id}-format`].filter(Boolean).join(' ')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
            />
          )}
        />
      );
    case 'textarea':
      return (
        <FieldFrame label={labelText(f)} hint={helpOf(f)} error={error} id={id}>
          {(a11y) => (
            <textarea
              {...a11y}
              rows={f.rows ?? 5}
              maxLength={f.maxLength ?? 20000}
              {...register(path)}
            />
          )}
        </FieldFrame>
      );
    case 'select':
      return (
        <FieldFrame label={labelText(f)} hint={helpOf(f)} error={error} id={id}>
          {(a11y) => (
            <select {...a11y} {...register(path)}>
              <option value="">Choose…</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      );
    case 'radio':
      return (
        <fieldset className={`field${error ? ' field-error' : ''}`} aria-describedby={describedBy}>
          <Label f={f} as="legend" />
          <Help f={f} id={id} />
          {errorEl}
          <div className="radio-list">
            {f.options.map((o, i) => (
              <div className="radio" key={o.value}>
                {/* The first option carries the field's id: the error summary links to it. */}
                <input
                  type="radio"
                  id={i === 0 ? id : `${id}-${o.value}`}
                  value={o.value}
                  {...register(path)}
                />
                <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
      );
    case 'multiselect':
      return (
        <Controller
          control={control}
          name={path}
          render={({ field }) => {
            const current: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
            return (
              <fieldset
                className={`field${error ? ' field-error' : ''}`}
                aria-describedby={describedBy}
              >
                <Label f={f} as="legend" />
                <Help f={f} id={id} />
                {errorEl}
                <div className="checkbox-list">
                  {f.options.map((o, i) => (
                    <div className="checkbox" key={o.value}>
                      <input
                        type="checkbox"
                        id={i === 0 ? id : `${id}-${o.value}`}
                        checked={current.includes(o.value)}
                        onChange={(e) =>
                          field.onChange(
                            e.target.checked
                              ? [...current, o.value]
                              : current.filter((v) => v !== o.value),
                          )
                        }
                      />
                      <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            );
          }}
        />
      );
    case 'yesno':
      return (
        <Controller
          control={control}
          name={path}
          render={({ field }) => (
            <fieldset
              className={`field${error ? ' field-error' : ''}`}
              aria-describedby={describedBy}
            >
              <Label f={f} as="legend" />
              <Help f={f} id={id} />
              {errorEl}
              <div className="radio-list inline">
                {[true, false].map((v) => (
                  <div className="radio" key={String(v)}>
                    <input
                      type="radio"
                      id={v ? id : `${id}-false`}
                      name={id}
                      checked={field.value === v}
                      onChange={() => field.onChange(v)}
                    />
                    <label htmlFor={v ? id : `${id}-false`}>{v ? 'Yes' : 'No'}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          )}
        />
      );
    case 'checkbox':
      return (
        <div className={`field checkbox declaration${error ? ' field-error' : ''}`}>
          {errorEl}
          <input
            type="checkbox"
            id={id}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register(path)}
          />
          <label htmlFor={id}>
            <strong>{f.label}:</strong> {f.statement}
          </label>
          <Help f={f} id={id} />
        </div>
      );
    case 'account':
      if (f.self) {
        // The signed-in person, filled in by the form (RecordForm's initial values) and not chosen.
        const me = choices.accounts.find((a) => a.id === choices.selfId);
        return (
          <FieldFrame
            label={labelText(f)}
            hint={helpOf(f)}
            error={error}
            id={id}
            className="field-self"
          >
            {(a11y) => (
              <input
                {...a11y}
                type="text"
                readOnly
                value={me ? `${me.name} — ${ROLE_LABELS[me.role]}` : ''}
              />
            )}
          </FieldFrame>
        );
      }
      return (
        <Controller
          control={control}
          name={path}
          render={({ field }) => {
            const list = choices.accounts.filter(
              (a) =>
                a.active &&
                (!f.roles || f.roles.includes(a.role)) &&
                (!f.excludeSelf || a.id !== choices.selfId),
            );
            const v = field.value as { accountId?: string } | undefined;
            return (
              <FieldFrame label={labelText(f)} hint={helpOf(f)} error={error} id={id}>
                {(a11y) => (
                  <select
                    {...a11y}
                    value={v?.accountId ?? ''}
                    onChange={(e) => {
                      const a = list.find((x) => x.id === e.target.value);
                      field.onChange(a ? { accountId: a.id, name: a.name } : undefined);
                    }}
                  >
                    <option value="">
                      {f.optional && !f.rule ? 'Nobody' : 'Choose a person…'}
                    </option>
                    {list.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name} — {ROLE_LABELS[a.role]}
                      </option>
                    ))}
                  </select>
                )}
              </FieldFrame>
            );
          }}
        />
      );
    case 'accounts':
      return (
        <Controller
          control={control}
          name={path}
          render={({ field }) => {
            const list = choices.accounts.filter(
              (a) => a.active && (!f.roles || f.roles.includes(a.role)),
            );
            const current = (Array.isArray(field.value) ? field.value : []) as Array<{
              accountId: string;
              name: string;
            }>;
            return (
              <fieldset
                className={`field${error ? ' field-error' : ''}`}
                aria-describedby={describedBy}
              >
                <Label f={f} as="legend" />
                <Help f={f} id={id} />
                {errorEl}
                <div className="checkbox-list">
                  {list.map((a) => (
                    <div className="checkbox" key={a.id}>
                      <input
                        type="checkbox"
                        id={`${id}-${a.id}`}
                        checked={current.some((c) => c.accountId === a.id)}
                        onChange={(e) =>
                          field.onChange(
                            e.target.checked
                              ? [...current, { accountId: a.id, name: a.name }]
                              : current.filter((c) => c.accountId !== a.id),
                          )
                        }
                      />
                      <label htmlFor={`${id}-${a.id}`}>
                        {a.name} <span className="muted">— {ROLE_LABELS[a.role]}</span>
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            );
          }}
        />
      );
    case 'record':
    case 'device':
    case 'child':
    case 'person': {
      const all =
        (f.type === 'record'
          ? choices.records
          : f.type === 'device'
            ? choices.devices
            : f.type === 'person'
              ? choices.others
              : choices.children) ?? [];
      const kinds = f.type === 'record' ? f.kinds : undefined;
      const list = kinds ? all.filter((c) => !c.kind || kinds.includes(c.kind)) : all;
      return (
        <FieldFrame label={labelText(f)} hint={helpOf(f)} error={error} id={id}>
          {(a11y) => (
            <select {...a11y} {...register(path)}>
              <option value="">Choose…</option>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      );
    }
    case 'group':
      return f.repeat ? (
        <RepeatGroup f={f} path={path} choices={choices} />
      ) : (
        <Group f={f} path={path} choices={choices} />
      );
  }
}

function childPath(parent: string, child: FieldSpec): string {
  const parts = child.name.split('.');
  return `${parent}.${parts[parts.length - 1]!}`;
}

function Group({
  f,
  path,
  choices,
}: {
  f: Extract<FieldSpec, { type: 'group' }>;
  path: string;
  choices: FormChoices;
}) {
  return (
    <fieldset className="group">
      <legend>{f.label}</legend>
      {f.fields.map((c) => (
        <FieldInput
          key={c.name}
          f={c}
          path={childPath(path, c)}
          choices={choices}
          scopePath={path}
        />
      ))}
    </fieldset>
  );
}

/** Fresh values for one repeated item, with generated ids for 'id' fields. */
export function emptyItem(fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of fields) {
    const key = c.name.split('.').pop()!;
    if (c.type === 'id') out[key] = crypto.randomUUID();
    else if (c.type === 'group' && !c.repeat) out[key] = emptyItem(c.fields);
    else if (c.type === 'group' && c.repeat) out[key] = [];
  }
  return out;
}

function RepeatGroup({
  f,
  path,
  choices,
}: {
  f: Extract<FieldSpec, { type: 'group' }>;
  path: string;
  choices: FormChoices;
}) {
  const { control, formState } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: path });
  const min = f.repeat?.min ?? (f.optional ? 0 : 1);
  const max = f.repeat?.max ?? 50;
  const error = errorAt(formState.errors, path);
  return (
    <div className="repeat">
      {error && <p className="error-text">{error}</p>}
      {fields.map((item, i) => (
        <fieldset className="group" key={item.id}>
          <legend>
            {f.label} {i + 1}
          </legend>
          {f.fields.map((c) => (
            <FieldInput
              key={c.name}
              f={c}
              path={childPath(`${path}.${i}`, c)}
              choices={choices}
              scopePath={`${path}.${i}`}
            />
          ))}
          {fields.length > min && (
            <button type="button" className="secondary" onClick={() => remove(i)}>
              Remove {f.label.toLowerCase()} {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {fields.length < max && (
        <button type="button" className="secondary" onClick={() => append(emptyItem(f.fields))}>
          {f.repeat?.addLabel ?? `Add ${f.label.toLowerCase()}`}
        </button>
      )}
    </div>
  );
}
