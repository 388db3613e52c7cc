// "Check the log against a seal": type the short form printed on a log seal or an export receipt;
// CaseSeal proves the vault still holds exactly that history. The DSL can also print a new seal
// here, to give to the head teacher or the governors.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SealCheckInfo } from '../../../shared/ipc/contract';
import { TextField } from '../components/Field';
import { call, errorMessage } from '../lib/api';
import { useSession } from '../lib/session';
import { useNav } from '../lib/nav';

const FIELD_ID = 'seal-short-form';
const SHORT_FORM =
  /^\s*R\s*\d+[\s-]*(?:[0-9A-F][\s-]*){16}\/?\s*A\s*\d+[\s-]*(?:[0-9A-F][\s-]*){16}$/i;

export function SealScreen() {
  const session = useSession();
  const nav = useNav();
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [shortForm, setShortForm] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<SealCheckInfo | null>(null);
  const [checking, setChecking] = useState(false);
  const [printed, setPrinted] = useState<{
    shortForm: string;
    fileName: string;
    saved: boolean;
  } | null>(null);
  const [printError, setPrintError] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (fieldError) summary.current?.focus();
  }, [fieldError]);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setFailure(null);
    if (!SHORT_FORM.test(shortForm)) {
      setFieldError(
        'Enter the short form exactly as printed, for example R 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0D4E-5F60-7A81',
      );
      return;
    }
    setFieldError(null);
    setChecking(true);
    try {
      setResult(await call('app:seal.check', { shortForm }));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  const print = async () => {
    setPrintError(null);
    try {
      const r = await call('app:seal.print', {});
      setPrinted({ shortForm: r.shortForm, fileName: r.fileName, saved: r.saved });
    } catch (err) {
      setPrintError(errorMessage(err));
    }
  };

  return (
    <div>
      <h1 ref={heading} tabIndex={-1}>
        Check the log against a seal
      </h1>
      <p>
        A log seal records how long the case log and the audit trail were when it was made, and the
        start of the code (hash) of the last entry of each. If the vault still holds exactly that
        history, nothing sealed has been removed or replaced — even by someone who holds every key,
        and even if an old copy of the vault has been put back.
      </p>
      {fieldError && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>There is a problem</h2>
          <ul>
            <li>
              <a
                href={`#${FIELD_ID}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  field.current?.focus();
                }}
              >
                {fieldError}
              </a>
            </li>
          </ul>
        </div>
      )}
      <p>
        Have the seal as a PDF (a saved log seal or export receipt)?{' '}
        <a
          href="#"
          onClick={(ev) => {
            ev.preventDefault();
            nav.go({ name: 'seal-pdf' });
          }}
        >
          Check the log against a saved seal (PDF)
        </a>
      </p>
      <form onSubmit={(e) => void check(e)} noValidate>
        <TextField
          ref={field}
          id={FIELD_ID}
          label="Short form of the seal"
          hint="Printed under “Short form” on a log seal, and under “Log seal at the time of export” on an export receipt. Capital or small letters, with or without dashes."
          error={fieldError ?? undefined}
          value={shortForm}
          onChange={(e) => setShortForm(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="primary" disabled={checking}>
          {checking ? 'Checking…' : 'Check against the seal'}
        </button>
      </form>
      {failure && <p role="alert">{failure}</p>}
      {result && (
        <section aria-labelledby="seal-result" role="status" data-testid="seal-result">
          <h2 id="seal-result">
            {result.ok
              ? 'The vault still holds exactly the sealed history'
              : 'The vault does not match the seal'}
          </h2>
          {result.ok ? (
            <p>
              The case log has {result.records.head} records and the audit trail {result.audit.head}{' '}
              entries; everything up to the sealed positions is unchanged.
            </p>
          ) : (
            <ul className="problems">
              {result.findings.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {session.role === 'dsl' && (
        <section aria-labelledby="print-seal">
          <h2 id="print-seal">Print a log seal</h2>
          <p>
            Print a seal now and give it to the head teacher or a governor to keep. It is signed
            with your key. Anyone on the safeguarding team can later check the log against it here.
          </p>
          <button type="button" onClick={() => void print()}>
            Print a log seal
          </button>
          {printError && <p role="alert">{printError}</p>}
          {printed && (
            <div role="status" data-testid="seal-printed">
              <p>
                {printed.saved
                  ? `Saved as ${printed.fileName}. Its short form is:`
                  : 'The seal was not saved. Its short form is:'}
              </p>
              <p className="mono">{printed.shortForm}</p>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
