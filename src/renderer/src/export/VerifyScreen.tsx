// "Verify an export": choose a sealed export (main's open dialog; the path stays in main
// behind a token), type the passphrase if it is encrypted, and check it with the same code as the
// caseseal-verify command. Shows valid / invalid (every problem: file, record, message) / "can't use
// this file" (with the reason), the summary to compare with the handover receipt, and each check.
import { useRef, useState } from 'react';
import type { BundlePick, VerifyReport } from '../../../shared/exportReport';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { ukDateTime } from '../../../shared/ukTime';
import { ApiError, call, errorMessage } from '../lib/api';
import { isTeam, useSession } from '../lib/session';
import { TextField } from '../components/Field';
import { fingerprintGroups, flagWords, formatBytes } from './exportText';

type Summary = Extract<VerifyReport, { status: 'valid' | 'invalid' }>['summary'];

export function VerifyScreen() {
  const session = useSession();
  const [pick, setPick] = useState<BundlePick | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'pick' | 'verify' | null>(null);
  const passRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLElement>(null);

  if (!isTeam(session)) {
    return (
      <div>
        <h1>Verify an export</h1>
        <p role="alert">Only the DSL or a deputy DSL can verify exports in CaseSeal.</p>
      </div>
    );
  }

  const choose = async () => {
    setBusy('pick');
    setError(null);
    try {
      const p = await call('app:export.pickBundle', {});
      setPick(p);
      setReport(null);
      setPassphrase('');
    } catch (e) {
      // Closing the open dialog is not an error.
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const verify = async (ev: React.FormEvent) => {
    ev.preventDefault();
    if (!pick) return;
    setBusy('verify');
    setError(null);
    setReport(null);
    try {
      const r = await call('app:export.verify', {
        token: pick.token,
        ...(pick.encrypted && passphrase.trim() ? { passphrase: passphrase.trim() } : {}),
      });
      setReport(r);
      const passphraseProblem =
        r.status === 'unusable' &&
        (r.reason === 'wrong-passphrase' || r.reason === 'passphrase-needed');
      // A wrong passphrase: back to the field to try again; otherwise to the verdict.
      setTimeout(
        () => (passphraseProblem ? passRef.current?.focus() : resultRef.current?.focus()),
        0,
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_FOUND') setPick(null);
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const passphraseError =
    report?.status === 'unusable' &&
    (report.reason === 'wrong-passphrase' || report.reason === 'passphrase-needed')
      ? report.message
      : undefined;

  return (
    <div className="verify-screen">
      <h1>Verify an export</h1>
      <p>
        Checks a sealed export file with the same code as the <code>caseseal-verify</code> command:
        the signature on the manifest, every file’s SHA-256, every record’s hash, chain links and
        signature, that countersignatures and corrections cover the records they name, and that the
        report (PDF) shows the same records as the data. Nothing in the file is changed.
      </p>
      <p className="muted">
        The officer can do the same without CaseSeal: with <code>caseseal-verify</code>, or by hand
        with <code>sha256sum</code> and <code>openssl</code>, as <code>VERIFY.txt</code> inside the
        export explains.
      </p>
      {error && (
        <p className="banner banner-alarm" role="alert">
          {error}
        </p>
      )}

      <section aria-labelledby="verify-file-title">
        <h2 id="verify-file-title">The file</h2>
        <div className="actions">
          <button type="button" onClick={() => void choose()} disabled={busy !== null}>
            {busy === 'pick' ? 'Choosing…' : pick ? 'Choose another file…' : 'Choose file…'}
          </button>
          {pick ? (
            <span data-testid="verify-chosen">
              <strong>{pick.fileName}</strong>, {formatBytes(pick.bytes)},{' '}
              {pick.encrypted ? 'encrypted (AES-256)' : 'not encrypted'}
            </span>
          ) : (
            <span className="muted">No file chosen.</span>
          )}
        </div>
        {pick && (
          <form onSubmit={(e) => void verify(e)} noValidate aria-busy={busy === 'verify'}>
            {pick.encrypted && (
              <TextField
                ref={passRef}
                label="Passphrase (six words)"
                hint="The one-time passphrase given with this export, separately from the file. Hyphens, spaces or capitals are all fine."
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                error={passphraseError}
              />
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy !== null}>
                {busy === 'verify' ? 'Checking…' : 'Verify'}
              </button>
            </div>
          </form>
        )}
      </section>

      {report && (
        <section
          className="verify-result"
          aria-labelledby="verify-result-title"
          ref={resultRef}
          tabIndex={-1}
          data-testid="verify-result"
          data-status={report.status}
        >
          <h2 id="verify-result-title">Result</h2>
          {report.status === 'valid' && (
            <p className="banner banner-ok" role="status">
              <strong>✓ Valid.</strong> This export is complete and unchanged since{' '}
              {report.summary.exporter?.name ?? 'the exporter'} sealed it. Compare the fingerprint
              and the two SHA-256 values below with the handover receipt.
            </p>
          )}
          {report.status === 'invalid' && (
            <div className="banner banner-alarm" role="alert">
              <p>
                <strong>✗ Not valid.</strong> This export has been changed or damaged since it was
                sealed: {report.problems.length} problem{report.problems.length === 1 ? '' : 's'}{' '}
                found (listed below). Do not rely on it; ask the school for a new export.
              </p>
            </div>
          )}
          {report.status === 'unusable' && (
            <div className="banner banner-warn" role="alert">
              <p>
                <strong>Can’t use this file.</strong> {report.message}
              </p>
              <p>{unusableAdvice(report.reason)}</p>
            </div>
          )}
          {report.status !== 'unusable' && <SummaryView summary={report.summary} />}
          {report.status !== 'unusable' && (
            <section aria-labelledby="verify-checks-title">
              <h3 id="verify-checks-title">Checks</h3>
              <ul className="verify-checks" data-testid="verify-checks">
                {report.checks.map((c) => (
                  <li key={c.name} className={c.ok ? 'check-ok' : 'check-fail'}>
                    <span className="check-mark">{c.ok ? '✓ Passed' : '✗ Failed'}</span>{' '}
                    <span className="check-name">{c.name}</span>{' '}
                    <span className="muted">— {c.detail}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {report.status === 'invalid' && (
            <table className="table verify-problems" data-testid="verify-problems">
              <caption>Problems found</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Record</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.file ?? '—'}</td>
                    <td className="digest">{p.recordId ?? '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

function unusableAdvice(reason: string): string {
  switch (reason) {
    case 'wrong-passphrase':
      return 'Check the six words with the person who gave them to you, type them again and press Verify.';
    case 'passphrase-needed':
      return 'This export is encrypted: type its passphrase and press Verify.';
    case 'not-a-zip':
    case 'not-a-bundle':
      return 'Choose the .zip file that CaseSeal saved when the export was made.';
    default:
      return 'Check that the file is complete (for example, copied fully from the drive) and choose it again.';
  }
}

function SummaryView({ summary: s }: { summary: Summary }) {
  const role = (r: string) => ROLE_LABELS[r as Role] ?? r;
  return (
    <section aria-labelledby="verify-summary-title">
      <h3 id="verify-summary-title">What the export says</h3>
      <dl className="rows verify-summary">
        {s.school && (
          <div className="row">
            <dt>School</dt>
            <dd>
              {s.school.name} (URN {s.school.urn}), {s.school.localAuthority}
            </dd>
          </div>
        )}
        {s.exporter && (
          <div className="row">
            <dt>Exported by</dt>
            <dd>
              {s.exporter.name}, {role(s.exporter.role)}
            </dd>
          </div>
        )}
        {s.exportedAt && (
          <div className="row">
            <dt>Exported on</dt>
            <dd>{ukDateTime(s.exportedAt)} (UK time)</dd>
          </div>
        )}
        {s.recipient && (
          <div className="row">
            <dt>Given to</dt>
            <dd>
              {s.recipient.officerName}
              {s.recipient.collarNumber ? ` (${s.recipient.collarNumber})` : ''},{' '}
              {s.recipient.force}, reference {s.recipient.reference}
            </dd>
          </div>
        )}
        <div className="row">
          <dt>Encrypted</dt>
          <dd>{s.encrypted ? 'Yes (AES-256)' : 'No'}</dd>
        </div>
        <div className="row">
          <dt>Cases</dt>
          <dd>
            <ul className="plain">
              {s.cases.map((c) => (
                <li key={c.caseId}>
                  {c.ref} — {c.title} ({c.records} record{c.records === 1 ? '' : 's'})
                  {c.flags.map((f) => (
                    <span key={f} className="verify-flag" data-flag={f}>
                      <strong>Warning:</strong> {flagWords(f)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="row">
          <dt>Records and audit entries</dt>
          <dd>
            {s.records} records, {s.auditEntries} audit entries
          </dd>
        </div>
        <div className="row">
          <dt>Signing key fingerprint</dt>
          <dd className="digest" data-testid="verify-fingerprint">
            {s.signingKey ? fingerprintGroups(s.signingKey.fingerprint) : '—'}
          </dd>
        </div>
        <div className="row">
          <dt>Manifest SHA-256</dt>
          <dd className="digest" data-testid="verify-manifest-sha">
            {s.manifestSha256 ?? '—'}
          </dd>
        </div>
        <div className="row">
          <dt>Bundle file SHA-256</dt>
          <dd className="digest" data-testid="verify-bundle-sha">
            {s.bundleSha256 ?? '—'}
          </dd>
        </div>
      </dl>
      <p className="hint">
        Compare the fingerprint and both SHA-256 values with the handover receipt signed when the
        export was handed over. If any differs, this is not the file that was handed over.
      </p>
    </section>
  );
}
