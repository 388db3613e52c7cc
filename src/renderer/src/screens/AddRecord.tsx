// Add one record of a chosen kind to a case, through the generic form with live rule findings.
import { kindDef } from '../../../shared/records/registry';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { choicesFor, checkContextFor } from '../lib/caseContext';
import { RecordForm } from '../forms/RecordForm';
import { FORM_EXTRAS } from '../forms/formExtras';

export function AddRecord({
  caseId,
  kind,
  defaults,
}: {
  caseId: string;
  kind: string;
  defaults?: Record<string, unknown>;
}) {
  const session = useSession();
  const { go } = useNav();
  const def = kindDef(kind);
  const extra = FORM_EXTRAS[kind];
  const { data, error, reload } = useLoad(async () => {
    const [detail, accounts, loaded] = await Promise.all([
      call('app:cases.get', { caseId }),
      call('app:accounts.list', {}),
      extra?.load ? extra.load(caseId) : Promise.resolve(undefined),
    ]);
    return { detail, accounts, loaded };
  }, [caseId, kind]);
  if (!def) return <p role="alert">Unknown kind of record.</p>;
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  const choices = choicesFor(session, data.accounts, data.detail);
  return (
    <div>
      <h1>
        {def.label} <span className="muted">— {data.detail.case.ref}</span>
      </h1>
      <p>{def.description}</p>
      {extra?.Intro && (
        <extra.Intro
          detail={data.detail}
          accounts={data.accounts}
          reload={reload}
          loaded={data.loaded}
        />
      )}
      <RecordForm
        def={def}
        choices={extra?.choices ? extra.choices(choices, data.detail) : choices}
        checkContext={checkContextFor(session, data.accounts, data.detail)}
        key={kind}
        defaultValues={{ ...extra?.defaults?.(data.detail, data.loaded), ...defaults }}
        fieldNotes={extra?.fieldNotes?.(data.detail, data.loaded)}
        signerName={session.name}
        onCancel={() => go({ name: 'case', caseId })}
        onSubmit={async (body) => {
          const o = await call('app:records.add', { caseId, kind, body });
          go({ name: 'case', caseId, recordId: o.recordId });
        }}
      >
        {extra?.Inside && <extra.Inside detail={data.detail} loaded={data.loaded} />}
      </RecordForm>
    </div>
  );
}
