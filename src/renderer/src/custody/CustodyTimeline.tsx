// The chain of custody of one device (R10): the exhibit's own record first, then every
// custody event in the order it happened (the times typed), each with what was recorded, who
// signed it and when, the short form of its hash, a "Corrected" marker and a way to correct it.
import { kindDef } from '../../../shared/records/registry';
import type { DeviceView } from '../../../shared/rules/custody';
import { signedLine, ukLocalDisplay } from '../../../shared/ukTime';

/** The first 16 hex characters of a record's hash, as on the receipt and the sealed export. */
function short(hash: string): string {
  return hash.slice(0, 16);
}

function Rows({ rows }: { rows: ReadonlyArray<{ label: string; value: string }> }) {
  if (rows.length === 0) return null;
  return (
    <dl className="rows">
      {rows.map((r, i) => (
        <div key={i} className="row">
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CustodyTimeline({
  device,
  mayCorrect,
  onCorrect,
}: {
  device: DeviceView;
  mayCorrect: (signerId: string | null) => boolean;
  onCorrect: (recordId: string) => void;
}) {
  const { chain } = device;
  return (
    <section aria-labelledby="timeline-title" className="custody-timeline-section">
      <h2 id="timeline-title">Chain of custody</h2>
      <p className="muted">
        In the order things happened (the times given), which may differ from the order they were
        recorded.
      </p>
      <ol className="custody-timeline" data-testid="custody-timeline">
        <li className="custody-event" data-kind="device-added">
          <h3>Recorded as an exhibit: {device.exhibitRef}</h3>
          <p className="signed-line">
            {signedLine(chain.recorded.signerName, chain.recorded.signedAt)}
          </p>
          <details>
            <summary>The device as recorded when seized</summary>
            <Rows rows={device.rows} />
          </details>
          <footer className="record-footer">
            <span className="hash" title="SHA-256 of this record as signed (first 16 characters)">
              {short(chain.recorded.hash)}…
            </span>
            {mayCorrect(null) && (
              <button
                type="button"
                className="secondary"
                onClick={() => onCorrect(chain.recorded.recordId)}
              >
                Correct this record
                <span className="visually-hidden"> — the device as recorded</span>
              </button>
            )}
          </footer>
        </li>
        {chain.events.map((e) => {
          // The `when` row repeats the heading's time.
          const whenLabel = kindDef(e.kind)?.fields.find((f) => f.name === 'when')?.label;
          return (
            <li
              key={e.recordId}
              className={`custody-event${e.corrected ? ' custody-event-corrected' : ''}`}
              data-kind={e.kind}
              data-record-id={e.recordId}
            >
              <h3>
                {e.label} — {ukLocalDisplay(e.at)}
                {e.corrected && (
                  <>
                    {' '}
                    <span className="custody-tag custody-tag-amber">Corrected</span>
                  </>
                )}
              </h3>
              <p className="signed-line">{signedLine(e.signerName, e.signedAt)}</p>
              <Rows rows={e.rows.filter((r) => r.label !== whenLabel)} />
              {e.corrected && (
                <p className="muted">
                  Shown as corrected; the original is kept in the case’s chronology.
                </p>
              )}
              <footer className="record-footer">
                <span
                  className="hash"
                  title="SHA-256 of this record as signed (first 16 characters)"
                >
                  {short(e.hash)}…
                </span>
                {mayCorrect(e.signerId) && (
                  <button type="button" className="secondary" onClick={() => onCorrect(e.recordId)}>
                    Correct this record<span className="visually-hidden"> — {e.label}</span>
                  </button>
                )}
              </footer>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
