// Check: every record is a canonical envelope in its listed case and order, with its listed links,
// and its hash and its author's Ed25519 signature verify. Fills the summary's cases and records.
import type { Envelope } from '../../../../shared/records/envelope';
import { parseEnvelope, verdictProblem } from '../chainChecks';
import { KeyRing, verifyItemSync } from '../recordCrypto';
import { BUNDLE_FILES } from '../bundleFormat';
import { hasRecords, recordLabel, short, type BundleCheck } from './context';

export const recordSignatures: BundleCheck = {
  name: 'Record hashes and signatures',
  applies: hasRecords,
  run(ctx) {
    const { problems } = ctx;
    const ring = new KeyRing(ctx.pems);
    for (const c of ctx.recordsFile!.cases) {
      let lastSeq = 0;
      const parsed: Array<Envelope | null> = [];
      ctx.parsedByCase.set(c.caseId, parsed);
      for (const r of c.records) {
        const { envelope: env, problem } = parseEnvelope(r.canonical);
        parsed.push(env);
        const at = { file: BUNDLE_FILES.records, caseId: c.caseId };
        // parseEnvelope gives no envelope exactly when the problem is 'bad-envelope'.
        if (!env) {
          problems.push({
            code: 'bad-envelope',
            ...at,
            message: `A record of case ${c.ref} (hash ${short(r.hash)}) is not a readable record envelope.`,
          });
          continue;
        }
        const here = { ...at, recordId: env.id };
        if (problem === 'not-canonical')
          problems.push({
            code: 'not-canonical',
            ...here,
            message: `${recordLabel(env)} in case ${c.ref} is not in canonical form (RFC 8785): its text has been edited.`,
          });
        if (env.caseId !== c.caseId)
          problems.push({
            code: 'record-in-wrong-case',
            ...here,
            message: `${recordLabel(env)} belongs to case ${env.caseId} but is listed under case ${c.ref}.`,
          });
        if (
          r.links.seq !== env.seq ||
          r.links.prev !== env.prev ||
          r.links.caseSeq !== env.caseSeq ||
          r.links.casePrev !== env.casePrev
        )
          problems.push({
            code: 'links-differ',
            ...here,
            message: `${recordLabel(env)}: the chain links listed beside it differ from those inside its signed envelope.`,
          });
        if (env.caseSeq <= lastSeq)
          problems.push({
            code: 'records-out-of-order',
            ...here,
            message: `records.json lists ${recordLabel(env)} after the record at case position ${lastSeq} in case ${c.ref}: the records have been reordered.`,
          });
        lastSeq = Math.max(lastSeq, env.caseSeq);
        const verdict = verifyItemSync(
          { canonical: r.canonical, hash: r.hash, signature: r.signature, keyId: env.signer.keyId },
          ring,
        );
        const vp = verdictProblem(verdict, env, env.id);
        if (vp)
          problems.push({
            code: vp.problem,
            ...here,
            message: `In case ${c.ref}, ${vp.message.charAt(0).toLowerCase()}${vp.message.slice(1)}`,
          });
        const owner = ctx.keyOwner.get(env.signer.keyId);
        if (owner && owner !== env.signer.accountId)
          problems.push({
            code: 'key-not-signers',
            ...here,
            message: `${recordLabel(env)} is signed with a key that belongs to another account.`,
          });
        if (ctx.byId.has(env.id))
          problems.push({
            code: 'duplicate',
            ...here,
            message: `${recordLabel(env)} appears twice in records.json.`,
          });
        else ctx.byId.set(env.id, { env, hash: r.hash, caseId: c.caseId });
        ctx.allRecords.push({
          canonical: r.canonical,
          hash: r.hash,
          signature: r.signature,
          envelope: env,
          caseId: c.caseId,
        });
      }
      ctx.summary.records += c.records.length;
    }
    return `${ctx.allRecords.length} records, canonical, each hash and author signature valid`;
  },
};
