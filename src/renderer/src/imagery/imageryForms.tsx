// The imagery kinds on the generic "Add a record" form: the R1–R8 guidance above the
// viewing-decision form, and — for a deputy DSL without a delegation for this case (R4) — why they
// cannot be the viewer yet and the way for a senior leader to sign one here; the pickers narrowed to
// what the rules accept (police advice: only copies still without advice; revocation: only active
// delegations).
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { CHOICE_GUIDANCE } from '../../../shared/records/kinds/viewingDecision';
import {
  activeDelegationFor,
  copiesMadeOf,
  delegationsOf,
} from '../../../shared/records/imageryFacts';
import type { FormExtra, FormIntroProps } from '../forms/formExtras';
import { useSession } from '../lib/session';
import { ImageryGuidance } from './ImageryGuidance';
import { DelegationDialog } from './DelegationDialog';

function ViewingIntro({ detail, accounts, reload }: FormIntroProps) {
  const session = useSession();
  const [granting, setGranting] = useState(false);
  const facts = detail.facts;
  const needsDelegation =
    session.role === 'deputy' && facts && !activeDelegationFor(facts, session.accountId);
  return (
    <>
      <ImageryGuidance />
      {needsDelegation && (
        <div className="banner banner-warn" role="note" data-testid="r4-note">
          <p>
            <strong>R4:</strong> you are a deputy DSL without a delegation of authority for this
            case, so you cannot be the viewer yet. You can record a decision not to view. To view, a
            senior leader must first sign a delegation for this case with their own passphrase.
          </p>
          <button type="button" onClick={() => setGranting(true)}>
            A senior leader signs a delegation here…
          </button>
        </div>
      )}
      {granting && facts && (
        <DelegationDialog
          caseId={detail.case.id}
          facts={facts}
          accounts={accounts}
          onClose={() => setGranting(false)}
          onDone={() => {
            setGranting(false);
            reload();
          }}
        />
      )}
    </>
  );
}

/** Guidance for the choice made (not to view, or to view), kept in step with the answer. */
function ChoiceGuidance() {
  const decision = useWatch({ name: 'decision' }) as 'view' | 'not-view' | undefined;
  if (decision !== 'view' && decision !== 'not-view') return null;
  return (
    <p className="guidance banner banner-info" data-testid="choice-guidance" aria-live="polite">
      {CHOICE_GUIDANCE[decision]}
    </p>
  );
}

export const IMAGERY_FORM_EXTRAS: Record<string, FormExtra> = {
  'viewing-decision': {
    Intro: ViewingIntro,
    // The form starts at the default (R1): a decision not to view.
    defaults: () => ({ decision: 'not-view' }),
    fieldNotes: () => ({ decision: <ChoiceGuidance /> }),
  },
  'copy-made-advice': {
    choices: (c, detail) => {
      const missing = new Set(
        (detail.facts ? copiesMadeOf(detail.facts) : [])
          .filter((x) => x.adviceMissing)
          .map((x) => x.recordId),
      );
      return { ...c, records: (c.records ?? []).filter((r) => missing.has(r.id)) };
    },
  },
  'delegation-revoked': {
    choices: (c, detail) => {
      const active = new Set(
        (detail.facts ? delegationsOf(detail.facts) : [])
          .filter((d) => !d.revoked)
          .map((d) => d.recordId),
      );
      return { ...c, records: (c.records ?? []).filter((r) => active.has(r.id)) };
    },
  },
};
