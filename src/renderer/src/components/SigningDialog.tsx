// The one dialog in which a person signs with their own passphrase at this PC — a countersignature,
// the witness finalising a viewing (R5), a senior leader's delegation (R4) or its revocation, the
// closure's countersignature (R15). It owns what they all share: the modal, what is affirmed, who
// signs, the passphrase (used once, cleared after every try), the error summary that takes focus
// once per try, the rules not met, the wait after too many wrong passphrases, and focus back to
// the control that opened it.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AccountInfo } from '../../../shared/ipc/contract';
import { ROLE_LABELS } from '../../../shared/roles';
import { FieldFrame, ErrorSummary, TextField } from './Field';
import { FindingsPanel } from './Findings';
import { refusalOf, useRetryWait, type Refusal } from '../imagery/signingErrors';

export interface SigningDialogProps {
  title: string;
  testId?: string;
  /** Shown under the title: what is signed and who must sign it. */
  intro?: ReactNode;
  /** What the signer affirms, shown and signed. */
  statement?: string;
  /** The record's own fields (a delegation, a reason), before the signer. */
  children?: ReactNode;
  /**
   * Who may sign here with their own passphrase: one person is named, several are chosen from.
   * null: the signed-in person signs, with no passphrase (e.g. the DSL revoking a delegation).
   */
  signers: readonly AccountInfo[] | null;
  /** "Your name", "Senior leader" … */
  signerLabel?: string;
  /** Legend around who signs and their passphrase, e.g. "Senior leader signing". */
  signerLegend?: string;
  passphraseHint: string;
  /** The passphrase field's label (default: "<name>’s own passphrase"). */
  passphraseLabel?: string;
  /** What the summary says when the passphrase is missing (default: "<name> types their own passphrase."). */
  passphraseMissing?: string;
  /** Who must wait after too many wrong passphrases, in words ("the witness"); default their name. */
  waitWho?: string;
  /** Test id of the named signer's line, when only one person may sign. */
  signerTestId?: string;
  /** The error summary's title after a refusal, e.g. "Not countersigned". */
  errorTitle: string;
  /** The stage a refusal concerns (the witness finalises). */
  refusalStage?: 'sign' | 'finalise';
  submitLabel: (signer: AccountInfo | undefined) => string;
  /** Problems found before any passphrase is tried (plain words). */
  validate?: (signer: AccountInfo | undefined) => string[];
  /** false for the witness: without a passphrase, CaseSeal says why the record is not final yet. */
  requirePassphrase?: boolean;
  /** Signs; a refusal is thrown as the API's error. */
  sign: (signer: AccountInfo | undefined, passphrase: string) => Promise<unknown>;
  /** Extra help after a refusal (e.g. the way to record the police's advice, R2). */
  afterRefusal?: (r: Refusal) => ReactNode;
  /** Called with what `sign` returned. */
  onDone: (result: unknown) => void;
  onClose: () => void;
}

export function SigningDialog(p: SigningDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  // The control that opened the dialog gets focus back when it closes (WCAG 2.4.3).
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const signers = p.signers;
  const [signerId, setSignerId] = useState(signers?.length === 1 ? signers[0]!.id : '');
  const [passphrase, setPassphrase] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const wait = useRetryWait();
  const signer = signers?.find((a) => a.id === signerId);
  const who = signer?.name ?? (signers?.length === 1 ? signers[0]!.name : 'The person signing');

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, [opener]);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setRefusal(null);
    setAttempts((n) => n + 1);
    const found = [...(p.validate?.(signer) ?? [])];
    if (signers && signers.length > 1 && !signer)
      found.push(`Choose who signs: ${(p.signerLabel ?? 'your name').toLowerCase()}.`);
    if (signers && (p.requirePassphrase ?? true) && !passphrase)
      found.push(p.passphraseMissing ?? `${who} types their own passphrase.`);
    setProblems([...new Set(found)]);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const result = await p.sign(signer, signers ? passphrase : '');
      setPassphrase('');
      p.onDone(result);
    } catch (e) {
      setPassphrase('');
      const r = refusalOf(e, p.refusalStage ?? 'sign');
      setRefusal(r);
      wait.start(r.retryAfterSeconds);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      aria-labelledby={`${ids}-title`}
      data-testid={p.testId}
      onCancel={(e) => (e.preventDefault(), p.onClose())}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${ids}-title`}>{p.title}</h2>
        {p.intro}
        {p.statement && (
          <p className="statement">
            By signing, {signers ? `${who} affirms` : 'you affirm'}: “{p.statement}”
          </p>
        )}
        <ErrorSummary
          title={refusal ? p.errorTitle : 'There is a problem'}
          messages={refusal ? [refusal.message] : problems}
          focusKey={attempts * 2 + (refusal ? 1 : 0)}
        />
        {refusal && refusal.findings.length > 0 && (
          <FindingsPanel title="Rules not met" findings={refusal.findings} />
        )}
        {refusal && p.afterRefusal?.(refusal)}
        {p.children}
        {signers && (
          <fieldset className="group">
            <legend>{p.signerLegend ?? 'Who signs'}</legend>
            {signers.length === 1 ? (
              <p data-testid={p.signerTestId ?? 'signer-name'}>
                <strong>
                  {signers[0]!.name} — {ROLE_LABELS[signers[0]!.role]}
                </strong>
              </p>
            ) : (
              <FieldFrame label={p.signerLabel ?? 'Your name'} id={`${ids}-signer`}>
                {(a11y) => (
                  <select {...a11y} value={signerId} onChange={(e) => setSignerId(e.target.value)}>
                    <option value="">Choose a person…</option>
                    {signers.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name} — {ROLE_LABELS[a.role]}
                      </option>
                    ))}
                  </select>
                )}
              </FieldFrame>
            )}
            {wait.seconds > 0 && (
              <p className="banner banner-warn" role="status">
                Too many wrong passphrases: {p.waitWho ?? who} can try again in {wait.seconds}{' '}
                second
                {wait.seconds === 1 ? '' : 's'}.
              </p>
            )}
            <TextField
              label={p.passphraseLabel ?? `${who}’s own passphrase`}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              hint={p.passphraseHint}
            />
          </fieldset>
        )}
        <div className="actions">
          <button type="button" onClick={p.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || (signers !== null && wait.seconds > 0)}
          >
            {busy ? 'Signing…' : p.submitLabel(signer)}
          </button>
        </div>
      </form>
    </dialog>
  );
}
