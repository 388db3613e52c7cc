// The renderer's half of the no-imagery guard (R2): CaseSeal has no way to attach files. A file
// dropped anywhere is refused; paste accepts plain text only, and text that carries image data in
// any encoding the guard knows, or a long run of encoded-looking data (also once added to what the
// box already holds), is refused too; so is a control character or a broken character. Each
// refusal says why in plain words. Main re-checks everything.
import { useEffect, useState } from 'react';
import { CARRIED_AS } from '../../../shared/guard/messages';
import {
  checkText,
  describeTextProblem,
  IMAGERY_RULE_EXPLANATION,
  type TextProblem,
} from '../../../shared/guard/imagery';

interface Refusal {
  /** True for R2 refusals (imagery, encoded data); false for control or broken characters. */
  r2: boolean;
  message: string;
}

/** The box's value as it would be after the paste (pieces pasted one after another add up). */
function valueAfterPaste(el: HTMLInputElement | HTMLTextAreaElement, text: string): string {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? el.value.length;
  return el.value.slice(0, start) + text + el.value.slice(end);
}

function pasteRefusal(p: TextProblem): Refusal {
  if (p.kind === 'imagery') {
    const what = p.format === 'binary data' ? 'file' : p.format.replace(/ data$/, '');
    return {
      r2: true,
      message:
        `The pasted text contains ${what} data, so it was not pasted. It was written as ` +
        `${CARRIED_AS[p.encoding]}. ${IMAGERY_RULE_EXPLANATION}`,
    };
  }
  const reason = describeTextProblem(p).replace(/ Nothing was saved\.$/, '');
  return { r2: p.kind === 'encoded-data', message: `Nothing was pasted. ${reason}` };
}

export function ImageryGuard() {
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  useEffect(() => {
    const refuse = (what: string) => {
      setRefusal({ r2: true, message: `${what} ${IMAGERY_RULE_EXPLANATION}` });
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
      const field = editable ? (target as HTMLInputElement | HTMLTextAreaElement) : null;
      const found = cleaned
        ? (checkText(cleaned) ?? (field ? checkText(valueAfterPaste(field, cleaned)) : null))
        : null;
      if (found) {
        e.preventDefault();
        setRefusal(pasteRefusal(found));
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

  if (!refusal) return <div role="status" aria-live="assertive" className="visually-hidden" />;
  return (
    <div role="alert" className="banner banner-r2" data-testid="r2-banner">
      <p>
        <strong>{refusal.r2 ? 'Not taken in (R2).' : 'Not pasted.'}</strong> {refusal.message}
      </p>
      <button type="button" onClick={() => setRefusal(null)}>
        Dismiss
      </button>
    </div>
  );
}
