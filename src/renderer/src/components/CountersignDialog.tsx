// The countersignature dialog (R5 for witnesses; agreement, approval, closure R15): the second person
// picks their own account and types their own passphrase on this PC. Their signature covers the
// record's hash. Built on the one SigningDialog.
import type { AccountInfo, SignOutcome } from '../../../shared/ipc/contract';
import type { PendingCountersignature } from '../../../shared/records/facts';
import { COUNTERSIGN_PURPOSES } from '../../../shared/records/kinds/countersignature';
import { call } from '../lib/api';
import { SigningDialog } from './SigningDialog';

export function CountersignDialog({
  pending,
  accounts,
  authorId,
  recordLabel,
  onDone,
  onClose,
}: {
  pending: PendingCountersignature;
  accounts: readonly AccountInfo[];
  authorId: string;
  recordLabel: string;
  onDone: (o: SignOutcome) => void;
  onClose: () => void;
}) {
  const eligible = accounts.filter(
    (a) =>
      a.active &&
      a.id !== authorId &&
      (pending.accountId
        ? a.id === pending.accountId
        : !pending.roles || pending.roles.includes(a.role)),
  );
  const purpose =
    COUNTERSIGN_PURPOSES.find((p) => p.value === pending.purpose)?.label ?? pending.purpose;
  return (
    <SigningDialog
      title={`Countersign as ${purpose.toLowerCase()}`}
      testId="countersign-dialog"
      intro={
        <p>
          You are countersigning: <strong>{recordLabel}</strong>
        </p>
      }
      statement={pending.statement}
      signers={eligible}
      signerLabel="Your name"
      signerLegend="Who countersigns"
      passphraseLabel="Your own passphrase"
      passphraseMissing="Type your own passphrase."
      passphraseHint="The person countersigning types this themselves. It is used once and not kept."
      errorTitle="Not countersigned"
      submitLabel={() => 'Countersign'}
      sign={(signer, passphrase) =>
        call('app:records.countersign', {
          recordId: pending.recordId,
          purpose: pending.purpose,
          accountId: signer!.id,
          passphrase,
        })
      }
      onDone={(o) => onDone(o as SignOutcome)}
      onClose={onClose}
    />
  );
}
