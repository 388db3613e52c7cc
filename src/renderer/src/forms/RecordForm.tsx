// The generic signed-record form: fields from the kind's definition, validation with the kind's
// schema, live rule findings when the kind has rules, and a clear "you are signing" step.
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { RecordKindDef, CheckContext } from '../../../shared/records/kindDef';
import { pruneBody, type RoleLookup } from '../../../shared/records/formSchema';
import { blockingFindings, type Finding } from '../../../shared/rules/finding';
import { ApiError, errorMessage } from '../lib/api';
import { ErrorSummary } from '../components/Field';
import { FindingsPanel } from '../components/Findings';
import { FieldInput, emptyItem, type FormChoices } from './FieldInput';
import { errorItems, kindResolver } from './kindResolver';

export interface RecordFormProps {
  def: RecordKindDef;
  choices: FormChoices;
  /** For live findings: built from the case's facts, the accounts and the signed-in person. */
  checkContext?: Omit<CheckContext, 'now'>;
  defaultValues?: Record<string, unknown>;
  submitLabel?: string;
  signerName: string;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
  /** Notes shown just after a top-level field, by field name (FORM_EXTRAS' fieldNotes). */
  fieldNotes?: Record<string, ReactNode>;
  /** Rendered inside the form after the fields, with the form's context (FORM_EXTRAS' Inside). */
  children?: ReactNode;
}

function initialValues(
  def: RecordKindDef,
  choices: FormChoices,
  given?: Record<string, unknown>,
): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  const self = choices.accounts.find((a) => a.id === choices.selfId);
  for (const f of def.fields) {
    const key = f.name.split('.').pop()!;
    // A `self` account field is the signed-in person (e.g. the viewer, who signs: R4).
    if (f.type === 'account' && f.self && self) base[key] = { accountId: self.id, name: self.name };
    else if (f.type === 'group' && f.repeat)
      base[key] = Array.from({ length: f.repeat.min ?? (f.optional ? 0 : 1) }, () =>
        emptyItem(f.fields),
      );
    else if (f.type === 'group') base[key] = emptyItem(f.fields);
    else if (f.type === 'id') base[key] = crypto.randomUUID();
  }
  return { ...base, ...(given ?? {}) };
}

function LiveFindings({
  def,
  ctx,
  roleOf,
}: {
  def: RecordKindDef;
  ctx: Omit<CheckContext, 'now'>;
  roleOf: RoleLookup;
}) {
  const values = useWatch();
  const findings: Finding[] = useMemo(() => {
    if (!def.check) return [];
    try {
      return def.check(pruneBody(def.fields, values, values, roleOf), {
        ...ctx,
        now: new Date().toISOString(),
      });
    } catch {
      return [];
    }
  }, [def, ctx, values, roleOf]);
  return <FindingsPanel findings={findings} />;
}

/** How many sign-stage rules are still unmet, kept in step with the answers (it watches the form). */
function BlockingNote({
  def,
  ctx,
  roleOf,
}: {
  def: RecordKindDef;
  ctx: Omit<CheckContext, 'now'>;
  roleOf: RoleLookup;
}) {
  const values = useWatch();
  const n = useMemo(() => {
    try {
      return def.check
        ? blockingFindings(
            def.check(pruneBody(def.fields, values, values, roleOf), {
              ...ctx,
              now: new Date().toISOString(),
            }),
            'sign',
          ).length
        : 0;
    } catch {
      return 0;
    }
  }, [def, ctx, values, roleOf]);
  return (
    <p id="blocking-note" className="muted" data-testid="blocking-note">
      {n > 0
        ? `${n} rule${n === 1 ? '' : 's'} not yet met: CaseSeal cannot sign this record until ${n === 1 ? 'it is' : 'they are'}.`
        : ''}
    </p>
  );
}

export function RecordForm({
  def,
  choices,
  checkContext,
  defaultValues,
  submitLabel,
  signerName,
  onSubmit,
  onCancel,
  fieldNotes,
  children,
}: RecordFormProps) {
  const roleOf: RoleLookup = useMemo(() => {
    const roles = new Map(choices.accounts.map((a) => [a.id, a.role]));
    return (id: string) => roles.get(id);
  }, [choices.accounts]);
  const methods = useForm({
    resolver: kindResolver(def, roleOf),
    defaultValues: initialValues(def, choices, defaultValues),
    shouldUnregister: false,
    mode: 'onSubmit',
    // The error summary takes focus on submit (GOV.UK); the form must not move it to a field.
    shouldFocusError: false,
  });
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [serverFindings, setServerFindings] = useState<Finding[]>([]);
  const [busy, setBusy] = useState(false);
  // Refusals from CaseSeal after a valid form count as attempts too: the summary takes focus again.
  const [attempts, setAttempts] = useState(0);
  const submit = methods.handleSubmit(async (body) => {
    setBusy(true);
    setServerErrors([]);
    setServerFindings([]);
    try {
      await onSubmit(body as Record<string, unknown>);
    } catch (e) {
      setServerErrors([errorMessage(e)]);
      setAttempts((n) => n + 1);
      if (e instanceof ApiError && Array.isArray(e.detail?.findings))
        setServerFindings(e.detail.findings as Finding[]);
    } finally {
      setBusy(false);
    }
  });
  const clientErrors =
    methods.formState.submitCount > 0 ? errorItems(methods.formState.errors) : [];
  return (
    <FormProvider {...methods}>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        className="record-form"
        aria-label={def.label}
      >
        <ErrorSummary
          messages={serverErrors}
          items={clientErrors}
          focusKey={methods.formState.submitCount + attempts}
        />
        {serverFindings.length > 0 && (
          <FindingsPanel
            title="CaseSeal cannot sign this yet: these rules are not met"
            findings={serverFindings}
          />
        )}
        {def.guidance && (
          <p className="guidance banner banner-info" role="note">
            {def.guidance}
          </p>
        )}
        <div className={checkContext && def.check ? 'form-with-findings' : ''}>
          <div className="form-fields">
            {def.fields.map((f) => (
              <Fragment key={f.name}>
                <FieldInput f={f} path={f.name} choices={choices} />
                {fieldNotes?.[f.name]}
              </Fragment>
            ))}
            {children}
          </div>
          {checkContext && def.check && (
            <aside className="form-findings">
              <LiveFindings def={def} ctx={checkContext} roleOf={roleOf} />
            </aside>
          )}
        </div>
        <p className="signing-note">
          When you press the button, CaseSeal signs this record as <strong>{signerName}</strong>{' '}
          with today’s date and time. A signed record can never be edited or deleted; mistakes are
          put right with a correction.
        </p>
        <div className="actions">
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button
            type="submit"
            className="primary"
            disabled={busy}
            aria-describedby={checkContext && def.check ? 'blocking-note' : undefined}
          >
            {busy ? 'Signing…' : (submitLabel ?? 'Sign and save')}
          </button>
        </div>
        {checkContext && def.check && <BlockingNote def={def} ctx={checkContext} roleOf={roleOf} />}
      </form>
    </FormProvider>
  );
}
