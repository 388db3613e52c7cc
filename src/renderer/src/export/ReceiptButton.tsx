// "Save the handover receipt": main shows a save dialog and writes the PDF (the renderer can neither
// save nor print a PDF), then the person prints it and both sign (export-format.md).
import { useState } from 'react';
import { call, errorMessage } from '../lib/api';

export function ReceiptButton({
  exportId,
  label,
  accessibleName,
  className,
}: {
  exportId: string;
  label: string;
  accessibleName?: string;
  className?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('app:export.receipt', { exportId });
      setMessage(
        r.saved
          ? { text: `Saved ${r.fileName}: print it and have both people sign.`, error: false }
          : { text: 'The receipt was not saved.', error: false },
      );
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="receipt-button">
      <button
        type="button"
        className={className}
        onClick={() => void save()}
        disabled={busy}
        aria-label={accessibleName}
      >
        {busy ? 'Saving…' : label}
      </button>
      {/* Always present, so screen readers announce the text when it appears. */}
      <span className="receipt-saved" role="status">
        {message && !message.error ? message.text : ''}
      </span>
      {message?.error && (
        <span className="error-text" role="alert">
          {message.text}
        </span>
      )}
    </span>
  );
}
