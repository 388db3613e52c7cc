// The digest of a list of audit entries (position and hash, in order) that an export record signs,
// so the verifier can tell that none of a case's audit entries was removed from the bundle.
import { sha256Hex } from '../crypto/hash';

export function auditListDigest(entries: ReadonlyArray<{ seq: number; hash: string }>): string {
  return sha256Hex(
    [...entries]
      .sort((a, b) => a.seq - b.seq)
      .map((e) => `${e.seq}:${e.hash}`)
      .join('\n'),
  );
}
