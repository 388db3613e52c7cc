// A device's custody flags (R10): GAP and OUT in red, ORDER and MISSING-STEPS in amber —
// always with a text label as well, so colour is never the only signal (WCAG 1.4.1).
import type { CustodyFlag, CustodyFlagCode } from '../../../shared/rules/custody';
import { ukDateTime } from '../../../shared/ukTime';

export const CUSTODY_FLAG_NAMES: Record<CustodyFlagCode, string> = {
  GAP: 'Gap in custody',
  OUT: 'Out of its secure place',
  ORDER: 'Out of order',
  'MISSING-STEPS': 'Steps missing',
};

/** Red for where the device may be unaccounted for now; amber for what the record should explain. */
export function flagTone(code: CustodyFlagCode): 'red' | 'amber' {
  return code === 'GAP' || code === 'OUT' ? 'red' : 'amber';
}

function FlagTag({ code }: { code: CustodyFlagCode }) {
  return (
    <span className={`custody-tag custody-tag-${flagTone(code)}`} data-flag={code}>
      {CUSTODY_FLAG_NAMES[code] ?? code}
    </span>
  );
}

/** Compact badges (one per kind of flag) for a list of devices. */
export function CustodyFlagBadges({ flags }: { flags: readonly CustodyFlag[] }) {
  const codes = [...new Set(flags.map((f) => f.code))];
  if (codes.length === 0) return <span className="muted">None</span>;
  return (
    <span className="custody-badges">
      {codes.map((c) => (
        <FlagTag key={c} code={c} />
      ))}
    </span>
  );
}

/** Every flag with its message and since when, for the device view. */
export function CustodyFlagList({ flags }: { flags: readonly CustodyFlag[] }) {
  if (flags.length === 0) return null;
  const urgent = flags.some((f) => flagTone(f.code) === 'red');
  return (
    <section
      className={`custody-flags banner ${urgent ? 'banner-alarm' : 'banner-warn'}`}
      aria-labelledby="custody-flags-title"
      data-testid="custody-flags"
    >
      <h2 id="custody-flags-title">Custody flagged</h2>
      <ul className="plain">
        {flags.map((f, i) => (
          <li key={`${f.code}-${i}`} data-flag={f.code}>
            <FlagTag code={f.code} /> {f.message}{' '}
            <span className="muted">Since {ukDateTime(f.since)}.</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
