// "Print handover receipt" (step 6): main builds the PDF and saves it where the person
// chooses (its save dialog — the renderer can neither save nor print a PDF), then the officer and
// the DSL sign the printed copy.
import { useState } from 'react';
import { call, errorMessage } from '../lib/api';

export function HandoverReceiptButton({
  deviceId,
  exhibitRef,
}: {
  deviceId: string;
  exhibitRef: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('app:devices.receipt', { deviceId });
      setMessage({
        text: r.saved
          ? `Saved ${r.fileName} — print it and have the officer and the DSL sign it.`
          : 'The receipt was not saved.',
        error: false,
      });
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="custody-receipt">
      <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
        {busy ? 'Saving…' : 'Print handover receipt'}
        <span className="visually-hidden"> for {exhibitRef}</span>
      </button>
      {/* Always present, so screen readers announce the text when it appears. */}
      <p className="receipt-saved" role="status" data-testid="receipt-status">
        {message && !message.error ? message.text : ''}
      </p>
      {message?.error && (
        <p className="error-text" role="alert">
          {message.text}
        </p>
      )}
    </div>
  );
}
