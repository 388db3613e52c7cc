// The renderer's half of the no-imagery guard (R2): CaseSeal has no way to attach files. A file
// dropped anywhere is refused; paste accepts plain text only, and text that carries image data
// (base64, data: URLs) is refused too. Each refusal explains R2. Main re-checks everything.
import { useEffect, useState } from 'react';
import { detectImagery, IMAGERY_RULE_EXPLANATION } from '../../../shared/guard/imagery';

export function ImageryGuard() {
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const refuse = (what: string) => {
      setMessage(`${what} ${IMAGERY_RULE_EXPLANATION}`);
    };
    const onDragOver = (e: DragEvent) => {
      // Without preventDefault the browser would navigate to a dropped file; with it, and no
      // drop handling, nothing is read. dropEffect 'none' shows the "not allowed" cursor.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const types = Array.from(e.dataTransfer?.types ?? []);
      refuse(
        types.includes('Files')
          ? 'Files cannot be dropped into CaseSeal.'
          : 'Dropping content into CaseSeal is not possible.',
      );
    };
    const onPaste = (e: ClipboardEvent) => {
      const data = e.clipboardData;
      if (!data) return;
      const types = Array.from(data.types);
      const hasFiles =
        data.files.length > 0 ||
        types.includes('Files') ||
        types.some((t) => t.startsWith('image/') || t.startsWith('video/'));
      const text = data.getData('text/plain');
      const target = e.target as HTMLElement | null;
      const editable =
        target && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement);
      if (hasFiles || (!text && types.length > 0)) {
        e.preventDefault();
        refuse(
          'Only plain text can be pasted: the image, file or rich content on the clipboard was not pasted.',
        );
        return;
      }
      // Word's manual line and page breaks arrive as vertical tab / form feed: make them new lines
      // (the guard would otherwise read those control characters as binary data).
      const cleaned = text.replace(/[\v\f]/g, '\n');
      const found = cleaned ? detectImagery(cleaned) : null;
      if (found) {
        e.preventDefault();
        refuse(
          `The pasted text contains ${found.format.replace(/ data$/, '')} data, so it was not pasted.`,
        );
        return;
      }
      if ((types.includes('text/html') || cleaned !== text) && editable) {
        // Rich content: insert only its plain text (inputs already do; this is belt and braces).
        e.preventDefault();
        const el = target as HTMLInputElement | HTMLTextAreaElement;
        const start = el.selectionStart ?? el.value.length;
        const end = el.selectionEnd ?? el.value.length;
        el.setRangeText(cleaned, start, end, 'end');
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    };
    window.addEventListener('dragover', onDragOver, true);
    window.addEventListener('drop', onDrop, true);
    window.addEventListener('paste', onPaste, true);
    return () => {
      window.removeEventListener('dragover', onDragOver, true);
      window.removeEventListener('drop', onDrop, true);
      window.removeEventListener('paste', onPaste, true);
    };
  }, []);

  if (!message) return <div role="status" aria-live="assertive" className="visually-hidden" />;
  return (
    <div role="alert" className="banner banner-r2" data-testid="r2-banner">
      <p>
        <strong>Not taken in (R2).</strong> {message}
      </p>
      <button type="button" onClick={() => setMessage(null)}>
        Dismiss
      </button>
    </div>
  );
}
