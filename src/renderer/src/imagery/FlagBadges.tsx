// Badges for a case's flags in the case list: the imagery flags (R2: a copy was made; the police's
// advice about it is missing) by name, with their full labels for screen readers; any other flags
// as a count, as before.
import {
  COPY_ADVICE_MISSING_FLAG,
  COPY_MADE_FLAG,
  IMAGERY_FLAG_LABELS,
} from '../../../shared/records/imageryFacts';
import { REFERRAL_FLAG_LABELS, REFERRAL_FLAG_SHORT } from '../referral/referralShared';

const SHORT: Record<string, string> = {
  [COPY_MADE_FLAG]: 'Copy made (R2)',
  [COPY_ADVICE_MISSING_FLAG]: 'Police advice missing (R2)',
  ...REFERRAL_FLAG_SHORT, // A same-day referral is due (R11)
};

export function FlagBadges({ flags }: { flags: readonly string[] }) {
  const named = flags.filter((f) => SHORT[f]);
  const others = flags.length - named.length;
  return (
    <>
      {named.map((f) => (
        <span key={f} className="tag tag-alarm flag-badge" data-flag={f}>
          {SHORT[f]}
          <span className="visually-hidden">
            : {IMAGERY_FLAG_LABELS[f] ?? REFERRAL_FLAG_LABELS[f]}
          </span>
        </span>
      ))}
      {others > 0 && (
        <span className="tag tag-alarm">
          {' '}
          {others} {named.length > 0 ? 'other ' : ''}flag{others === 1 ? '' : 's'}
        </span>
      )}
    </>
  );
}
