// Open a case (DSL or deputy): the children, other people involved, the kind of incident and its
// 4Cs category — new, or from a staff concern (whose record stays first in the case).
import { kindDef } from '../../../shared/records/registry';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { RecordForm } from '../forms/RecordForm';
import { withSchoolKinds } from '../lib/incidentKinds';

export function OpenCase({ fromCaseId }: { fromCaseId?: string }) {
  const session = useSession();
  const { go } = useNav();
  const { data } = useLoad(async () => {
    const accounts = await call('app:accounts.list', {});
    const from = fromCaseId ? await call('app:cases.get', { caseId: fromCaseId }) : null;
    const own = await call('app:categories.list', {});
    return { accounts, from, own };
  }, [fromCaseId]);
  // The built-in kinds of incident and the school's own that are not retired.
  const def = withSchoolKinds(kindDef('case-opened')!, data?.own ?? []);
  const concern = data?.from?.records.find(
    (r) => r.envelope.kind === 'concern' || r.envelope.kind === 'sealed-concern',
  );
  const author =
    (concern?.envelope.body.sealed as { author?: { name?: string } } | undefined)?.author?.name ??
    concern?.envelope.signer.name;
  return (
    <div>
      <h1>{fromCaseId ? 'Open a case from a concern' : 'Open a new case'}</h1>
      {concern && (
        <section className="quoted" aria-label="The concern">
          <h2>The concern</h2>
          <p>
            <strong>{String(concern.envelope.body.childrenConcerned)}</strong> — recorded by{' '}
            {author}
          </p>
          <p className="prewrap">{String(concern.envelope.body.account)}</p>
        </section>
      )}
      {data && (
        <RecordForm
          def={def}
          choices={{ accounts: data.accounts, selfId: session.accountId }}
          signerName={session.name}
          submitLabel="Sign and open the case"
          defaultValues={
            concern
              ? {
                  title: `Concern about ${String(concern.envelope.body.childrenConcerned)}`.slice(
                    0,
                    120,
                  ),
                }
              : undefined
          }
          onCancel={() => go(fromCaseId ? { name: 'case', caseId: fromCaseId } : { name: 'cases' })}
          onSubmit={async (details) => {
            const o = await call('app:cases.open', {
              ...(fromCaseId ? { fromCaseId } : {}),
              details,
            });
            go({ name: 'case', caseId: o.caseId });
          }}
        />
      )}
    </div>
  );
}
