// The certificate check of signed checkpoints: each person's latest checkpoint (in the vault and in
// the key-slot file) counts only if the school key certified its key for that person when it was
// signed — so a key holder cannot cut the log short and re-sign everyone's checkpoint with keys
// they inserted into the vault (docs/design.md, "Trust model").
import type { Sqlite } from '../../db/sqlite';
import { latestCheckpointPerAccount } from '../../db/repositories/checkpoints';
import { readSlotCheckpoints } from '../log/checkpointStore';
import type { Problem } from '../verify/chainChecks';
import type { CertificateBook } from './certificates';

interface Claimed {
  accountId: string;
  keyId: string;
  at: string;
}

function claimOf(text: string): Claimed | null {
  try {
    const b = JSON.parse(text) as Partial<Claimed>;
    return typeof b.accountId === 'string' &&
      typeof b.keyId === 'string' &&
      typeof b.at === 'string'
      ? { accountId: b.accountId, keyId: b.keyId, at: b.at }
      : null;
  } catch {
    return null; // an unreadable checkpoint is reported by the comparison itself
  }
}

export async function checkpointSignerProblems(
  db: Sqlite,
  keySlotsPath: string,
  book: CertificateBook,
): Promise<Problem[]> {
  const kept = [
    ...(await db.exclusive((c) => latestCheckpointPerAccount(c))).map((c) => ({
      place: 'vault',
      body: c.body,
    })),
    ...readSlotCheckpoints(keySlotsPath).map((c) => ({
      place: 'key-slot file',
      body: c.checkpoint.body,
    })),
  ];
  const out: Problem[] = [];
  for (const k of kept) {
    const claim = claimOf(k.body);
    if (!claim) continue;
    const why = book.problemWith(claim);
    if (!why) continue;
    const name =
      book.certificates().find((c) => c.body.accountId === claim.accountId)?.body.name ??
      'an account the school key never certified';
    out.push({
      problem: 'checkpoint-invalid',
      message: `The checkpoint of the log kept for ${name} in the ${k.place} (signed ${claim.at}) ${why}: someone may have cut the log short and re-signed it.`,
    });
  }
  return out;
}
