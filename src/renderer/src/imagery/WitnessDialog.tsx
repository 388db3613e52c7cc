// The witness finalises a decision to view imagery (R5): the named witness, at this PC, reads what
// they affirm and types their own passphrase; main countersigns with their key (app:imagery.finalise).
// A wrong passphrase keeps the dialog open; too many make them wait; unmet rules are listed — for R2
// (a copy without the police's advice) with the way to record that advice. Built on SigningDialog.
import { WITNESS_STATEMENT } from '../../../shared/rules/imagery';
import type { SignOutcome } from '../../../shared/ipc/contract';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { SigningDialog } from '../components/SigningDialog';
import type { CountersignDialogProps } from '../components/recordExtras';

export function WitnessDialog({
  pending,
  accounts,
  recordLabel,
  onDone,
  onClose,
}: CountersignDialogProps) {
  const { route, go } = useNav();
  const witness = accounts.find((a) => a.id === pending.accountId);
  const caseId = route.name === 'case' ? route.caseId : null;
  return (
    <SigningDialog
      title="The witness countersigns (R5)"
      testId="witness-dialog"
      intro={
        <>
          <p>
            Decision: <strong>{recordLabel}</strong>
          </p>
          <p>
            Only the witness named in the record can finalise this decision, with their own
            passphrase.
          </p>
        </>
      }
      statement={WITNESS_STATEMENT}
      signers={witness ? [witness] : []}
      signerLegend="Witness named in the record"
      signerTestId="witness-name"
      waitWho="the witness"
      passphraseHint="The witness types this themselves. It is used once for their signature and not kept."
      errorTitle="Not finalised"
      refusalStage="finalise"
      // Without a passphrase CaseSeal says why it is not final: R5's "Awaiting witness" (and R2's).
      requirePassphrase={false}
      submitLabel={() => 'Countersign as witness and finalise'}
      sign={async (_signer, passphrase) => {
        const r = await call(
          'app:imagery.finalise',
          passphrase
            ? { recordId: pending.recordId, witnessPassphrase: passphrase }
            : { recordId: pending.recordId },
        );
        return r.countersignature;
      }}
      afterRefusal={(r) =>
        r.findings.some((f) => f.rule === 'R2') && caseId ? (
          <p>
            <button
              type="button"
              className="link"
              onClick={() => (
                onClose(),
                go({ name: 'add-record', caseId, kind: 'copy-made-advice' })
              )}
            >
              Record the police’s advice about the copy (R2)
            </button>
          </p>
        ) : null
      }
      onDone={(o) => onDone(o as SignOutcome | null)}
      onClose={onClose}
    />
  );
}
