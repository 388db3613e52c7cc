// "Check the log against a saved seal": the DSL, a deputy or a senior leader chooses the PDF of a
// log seal or an export receipt (main's open dialog: the renderer never names a file); CaseSeal
// reads the seal printed in it and says in plain words whether the vault still holds exactly that
// history, and if not, what is missing or has been replaced.
import { useEffect, useRef, useState } from 'react';
import type { SealPdfCheckInfo } from '../../../shared/ipc/contract';
import { call, errorMessage } from '../lib/api';
import { useNav } from '../lib/nav';

const CHOOSE_ID = 'seal-pdf-choose';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function SealPdfScreen() {
  const nav = useNav();
  const heading = useRef<HTMLHeadingElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SealPdfCheckInfo | null>(null);
  const [notChosen, setNotChosen] = useState(false);
  const [checking, setChecking] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (error) summary.current?.focus();
  }, [error]);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const choose = async () => {
    setError(null);
    setResult(null);
    setNotChosen(false);
    setChecking(true);
    try {
      const r = await call('app:seal.checkPdf', {});
      if (r) setResult(r);
      else setNotChosen(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Check the log against a saved seal
      </h1>
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>There is a problem</h2>
          <ul>
            <li>
              <a
                href={`#${CHOOSE_ID}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  chooseButton.current?.focus();
                }}
              >
                {error}
              </a>
            </li>
          </ul>
        </div>
      )}
      <p>
        Choose the PDF of a log seal, or of an export receipt (it carries the seal of the log at the
        time of the export). CaseSeal reads the seal printed in it and checks that the vault still
        holds exactly the history it records.
      </p>
      <p>
        Use the copy the head teacher or a governor was given, or the one the police officer signed
        for — not a copy kept only on this computer.
      </p>
      <button
        type="button"
        id={CHOOSE_ID}
        ref={chooseButton}
        className="primary"
        disabled={checking}
        onClick={() => void choose()}
      >
        {checking ? 'Checking…' : 'Choose the PDF and check'}
      </button>
      {notChosen && <p role="status">No file was chosen. Nothing was checked.</p>}
      {result && (
        <section aria-labelledby="seal-pdf-result" data-testid="seal-pdf-result">
          <h2 id="seal-pdf-result" ref={resultHeading} tabIndex={-1}>
            {result.ok
              ? 'The vault still holds exactly the sealed history'
              : 'The vault does not match the seal'}
          </h2>
          <dl className="rows">
            <div className="row">
              <dt>File read</dt>
              <dd>{result.fileName}</dd>
            </div>
            <div className="row">
              <dt>Seal printed in it</dt>
              <dd className="mono">{result.shortForm}</dd>
            </div>
            <div className="row">
              <dt>The seal covers</dt>
              <dd>
                {plural(result.records.sealed, 'record', 'records')} in the case log and{' '}
                {plural(result.audit.sealed, 'entry', 'entries')} in the audit trail
              </dd>
            </div>
            <div className="row">
              <dt>The vault holds now</dt>
              <dd>
                {plural(result.records.head, 'record', 'records')} and{' '}
                {plural(result.audit.head, 'audit entry', 'audit entries')}
              </dd>
            </div>
          </dl>
          {result.ok ? (
            <p>
              Nothing the seal covers has been removed or replaced, and everything added since links
              on to it. Work recorded after the seal was made is not covered by it.
            </p>
          ) : (
            <>
              <h3>What has changed</h3>
              <ul className="problems">
                {result.findings.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
              <h3>What to do now</h3>
              <ul>
                <li>Do not change anything in CaseSeal until this is understood.</li>
                <li>
                  Keep the seal and tell the head teacher or the chair of governors. If someone may
                  have removed or changed records on purpose, tell the local authority designated
                  officer (LADO).
                </li>
                <li>
                  Run “Check the log” to see which records are affected, and compare with your
                  latest backup.
                </li>
              </ul>
            </>
          )}
        </section>
      )}
      <p>
        Have the seal only on paper?{' '}
        <a
          href="#"
          onClick={(ev) => {
            ev.preventDefault();
            nav.go({ name: 'seal' });
          }}
        >
          Type its short form instead
        </a>
      </p>
    </div>
  );
}
