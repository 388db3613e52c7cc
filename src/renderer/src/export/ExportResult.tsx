// The result of a sealed export, shown once: the file, the cases, both SHA-256 values and
// the signing key's fingerprint (all printed on the handover receipt), the one-time passphrase of an
// encrypted export — never stored by CaseSeal, never put on the clipboard — and the receipt.
import { useEffect, useRef, useState } from 'react';
import type { ExportOutcome } from '../../../shared/exportReport';
import { ukDateTime } from '../../../shared/ukTime';
import { useNav } from '../lib/nav';
import { ReceiptButton } from './ReceiptButton';
import { fingerprintGroups, formatBytes } from './exportText';

export function ExportResult({
  outcome,
  officer,
  onAnother,
}: {
  outcome: ExportOutcome;
  officer: string;
  onAnother: () => void;
}) {
  const { go } = useNav();
  const [passphraseGiven, setPassphraseGiven] = useState(outcome.passphrase === null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const dismiss = () => {
    setPassphraseGiven(true);
    // The passphrase section goes away: keep the focus on something that stays.
    setTimeout(() => doneRef.current?.focus(), 0);
  };

  return (
    <div className="export-result">
      <h1 ref={headingRef} tabIndex={-1}>
        Exported: {outcome.fileName}
      </h1>
      <p className="banner banner-info" role="status">
        The export is saved and sealed, and it is signed onto{' '}
        {outcome.cases.length === 1 ? 'the case' : `each of the ${outcome.cases.length} cases`}.
      </p>

      {outcome.passphrase && !passphraseGiven && (
        <section className="export-passphrase" aria-labelledby="passphrase-title">
          <h2 id="passphrase-title">The one-time passphrase</h2>
          <div className="banner banner-warn" role="note">
            <p>
              <strong>
                Give this passphrase to {officer || 'the officer'} separately — by phone or in
                person, never with the file
              </strong>{' '}
              (not in the same email, not on the same drive, not written on the receipt).
            </p>
            <p>
              CaseSeal does not keep it. It cannot be shown again: once you leave this screen it is
              gone, and the file can only be opened with it.
            </p>
          </div>
          <p className="passphrase-words" data-testid="export-passphrase">
            {outcome.passphrase.split('-').map((w, i, a) => (
              <span key={i}>
                <span className="passphrase-word">{w}</span>
                {i < a.length - 1 && <span className="passphrase-hyphen">-</span>}
              </span>
            ))}
          </p>
          <p className="hint">
            Six words joined by hyphens. The officer may type them with spaces or capitals instead.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={dismiss}>
              I have given it
            </button>
          </div>
        </section>
      )}
      {outcome.passphrase && passphraseGiven && (
        <p className="muted" ref={doneRef} tabIndex={-1}>
          The passphrase has been given to the officer and is no longer shown.
        </p>
      )}

      <section aria-labelledby="export-details-title">
        <h2 id="export-details-title">What was exported</h2>
        <dl className="rows export-details">
          <div className="row">
            <dt>File</dt>
            <dd data-testid="export-file">
              {outcome.fileName}, {formatBytes(outcome.bytes)}
            </dd>
          </div>
          <div className="row">
            <dt>Exported on</dt>
            <dd>{ukDateTime(outcome.exportedAt)} (UK time)</dd>
          </div>
          <div className="row">
            <dt>Encrypted</dt>
            <dd>
              {outcome.passphrase
                ? 'Yes: AES-256 zip, opened with the one-time passphrase'
                : 'No: opens with any unzip tool'}
            </dd>
          </div>
          <div className="row">
            <dt>Cases</dt>
            <dd>
              <ul className="plain">
                {outcome.cases.map((c) => (
                  <li key={c.caseId}>
                    {c.ref} — {c.title} ({c.records} record{c.records === 1 ? '' : 's'})
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div className="row">
            <dt>Bundle file SHA-256</dt>
            <dd className="digest" data-testid="export-bundle-sha">
              {outcome.bundleSha256}
            </dd>
          </div>
          <div className="row">
            <dt>Manifest SHA-256</dt>
            <dd className="digest" data-testid="export-manifest-sha">
              {outcome.manifestSha256}
            </dd>
          </div>
          <div className="row">
            <dt>Signing key fingerprint</dt>
            <dd className="digest" data-testid="export-fingerprint">
              {fingerprintGroups(outcome.keyFingerprint)}
            </dd>
          </div>
        </dl>
        <p className="hint">
          These three values are printed on the handover receipt and in VERIFY.txt inside the file.
          The officer compares them to be sure the file is the one you handed over.
        </p>
      </section>

      <section aria-labelledby="export-receipt-title">
        <h2 id="export-receipt-title">Handover receipt</h2>
        <p>
          Save the receipt as a PDF, print it, and have both of you sign it when you hand the file
          over. The passphrase is never printed on it.
        </p>
        <div className="actions">
          <ReceiptButton exportId={outcome.exportId} label="Save the handover receipt" />
        </div>
      </section>

      {passphraseGiven && (
        <div className="actions">
          {outcome.cases.length === 1 && (
            <button
              type="button"
              onClick={() => go({ name: 'case', caseId: outcome.cases[0]!.caseId })}
            >
              Back to the case
            </button>
          )}
          <button type="button" onClick={onAnother}>
            Make another export
          </button>
        </div>
      )}
    </div>
  );
}
