// The two hash chains (whole log, per case) as pure checks over in-memory records: each test
// removes, repeats, reorders or re-links records the way an insider editing the vault file would,
// and asserts the problem, the record and the position named. Used by the vault's full check and
// by the export verifier alike.
import { describe, expect, it } from 'vitest';
import {
  checkCaseChains,
  checkVaultChain,
  parseEnvelope,
  parseEnvelopeLight,
  verdictProblem,
  type CheckableRecord,
} from '../../../src/main/core/verify/chainChecks';
import { canonicalJson } from '../../../src/shared/records/canonical';
import { RECORD_ENVELOPE_VERSION, type Envelope } from '../../../src/shared/records/envelope';

const CASE_A = '11111111-1111-4111-8111-111111111111';
const CASE_B = '22222222-2222-4222-8222-222222222222';
const h = (n: number) => n.toString(16).padStart(64, '0');

/** A log of records over two cases, linked correctly: hash of record at log position n = h(n). */
function log(cases: string[]): Array<CheckableRecord & { storedSeq: number }> {
  const lastInCase = new Map<string, { caseSeq: number; hash: string }>();
  return cases.map((caseId, i) => {
    const seq = i + 1;
    const last = lastInCase.get(caseId);
    const env = {
      v: RECORD_ENVELOPE_VERSION,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      caseId,
      kind: 'note',
      seq,
      prev: seq === 1 ? null : h(seq - 1),
      caseSeq: (last?.caseSeq ?? 0) + 1,
      casePrev: last?.hash ?? null,
      signedAt: '2026-11-23T09:00:00.000Z',
      signer: { accountId: CASE_B, keyId: h(999), name: 'N', role: 'dsl' },
      body: {},
    } as unknown as Envelope;
    lastInCase.set(caseId, { caseSeq: env.caseSeq, hash: h(seq) });
    return { canonical: '', hash: h(seq), signature: '', envelope: env, storedSeq: seq };
  });
}
const label = (r: CheckableRecord) =>
  `record ${r.envelope!.id} (note, case position ${r.envelope!.caseSeq})`;

describe('the whole-log chain', () => {
  it('a correctly linked log has no problem, from the start or from a checkpoint', () => {
    const l = log([CASE_A, CASE_B, CASE_A, CASE_A]);
    expect(checkVaultChain(l)).toEqual([]);
    expect(checkVaultChain(l.slice(2), 2, h(2))).toEqual([]);
  });

  it('attack: one record deleted from the middle of the log is named by its position', () => {
    const l = log([CASE_A, CASE_B, CASE_A, CASE_A]);
    l.splice(1, 1);
    expect(checkVaultChain(l)).toEqual([
      {
        problem: 'missing-record',
        seq: 2,
        message: '1 record(s) are missing from the log at positions 2–2.',
      },
    ]);
  });

  it('attack: the first record deleted is caught (the log must start at position 1)', () => {
    const l = log([CASE_A, CASE_B, CASE_A]).slice(1);
    expect(checkVaultChain(l).map((p) => [p.problem, p.seq])).toEqual([['missing-record', 1]]);
  });

  it('attack: a record rewritten to link to another hash is named as not linking', () => {
    const l = log([CASE_A, CASE_B, CASE_A]);
    l[2]!.envelope!.prev = h(99);
    expect(checkVaultChain(l)).toEqual([
      {
        problem: 'chain-broken',
        recordId: l[2]!.envelope!.id,
        caseId: CASE_A,
        seq: 3,
        message: `${label(l[2]!)} does not link to the record before it in the log.`,
      },
    ]);
  });

  it('attack: the first record linked to something before the log began is caught, and after a checkpoint the checkpoint hash is the one required', () => {
    const l = log([CASE_A, CASE_B]);
    l[0]!.envelope!.prev = h(7);
    expect(checkVaultChain(l).map((p) => p.problem)).toEqual(['chain-broken']);
    const m = log([CASE_A, CASE_B, CASE_A]);
    expect(checkVaultChain(m.slice(2), 2, h(9)).map((p) => [p.problem, p.seq])).toEqual([
      ['chain-broken', 3],
    ]);
  });

  it('attack: two records swapped in storage are named as reordered at both positions', () => {
    const l = log([CASE_A, CASE_B, CASE_A]);
    const a = l[1]!;
    const b = l[2]!;
    l[1] = { ...b, storedSeq: 2 };
    l[2] = { ...a, storedSeq: 3 };
    const p = checkVaultChain(l);
    expect(p.filter((x) => x.problem === 'out-of-order')).toEqual([
      {
        problem: 'out-of-order',
        recordId: b.envelope!.id,
        caseId: CASE_A,
        seq: 2,
        message: `${label(b)} was signed at log position 3 but is stored at position 2: records have been reordered.`,
      },
      expect.objectContaining({ recordId: a.envelope!.id, seq: 3 }),
    ]);
  });

  it('a record whose text does not parse is still counted in the sequence (its neighbours link on)', () => {
    const l = log([CASE_A, CASE_B, CASE_A]);
    l[1] = { ...l[1]!, envelope: null };
    expect(checkVaultChain(l)).toEqual([]);
  });
});

describe('the per-case chains', () => {
  it('correctly linked cases, in any order, have no problem', () => {
    const l = log([CASE_A, CASE_B, CASE_A, CASE_B, CASE_A]);
    expect(checkCaseChains(l)).toEqual([]);
    expect(checkCaseChains([...l].reverse())).toEqual([]);
  });

  it('attack: one record of a case removed is named with how many are missing and where', () => {
    const l = log([CASE_A, CASE_B, CASE_A, CASE_A, CASE_A]);
    const gone = l.splice(2, 2);
    expect(gone.map((r) => r.envelope!.caseSeq)).toEqual([2, 3]);
    expect(checkCaseChains(l)).toEqual([
      {
        problem: 'missing-record',
        caseId: CASE_A,
        recordId: l[2]!.envelope!.id,
        message: `2 record(s) of case ${CASE_A} are missing before ${label(l[2]!)} (positions 2–3).`,
      },
    ]);
  });

  it('attack: the first record of a case removed is caught', () => {
    const l = log([CASE_A, CASE_B, CASE_A]).slice(1);
    expect(checkCaseChains(l).map((p) => [p.problem, p.caseId])).toEqual([
      ['missing-record', CASE_A],
    ]);
  });

  it('attack: a record re-linked to another record of the case is named as not linking', () => {
    const l = log([CASE_A, CASE_B, CASE_A, CASE_A]);
    l[3]!.envelope!.casePrev = h(1);
    expect(checkCaseChains(l)).toEqual([
      {
        problem: 'chain-broken',
        recordId: l[3]!.envelope!.id,
        caseId: CASE_A,
        message: `${label(l[3]!)} does not link to the record before it in the case (its casePrev hash differs).`,
      },
    ]);
  });

  it('attack: the first record of a case linked to a hash (it must link to nothing) is caught', () => {
    const l = log([CASE_A, CASE_B]);
    l[1]!.envelope!.casePrev = h(1);
    expect(checkCaseChains(l).map((p) => [p.problem, p.caseId])).toEqual([
      ['chain-broken', CASE_B],
    ]);
  });

  it('attack: a record repeated at the same case position is named as a duplicate', () => {
    const l = log([CASE_A, CASE_A, CASE_A]);
    const copy = { ...l[1]!, hash: h(50), envelope: { ...l[1]!.envelope!, id: 'copy' } };
    const p = checkCaseChains([...l, copy]);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      problem: 'duplicate',
      caseId: CASE_A,
      message: 'record copy (note, case position 2) repeats case position 2.',
    });
  });

  it('records whose text does not parse are left to the envelope check', () => {
    const l = log([CASE_A, CASE_A]);
    expect(checkCaseChains([...l, { ...l[0]!, envelope: null }])).toEqual([]);
  });
});

describe('envelope parsing', () => {
  const env = log([CASE_A])[0]!.envelope!;
  it('a canonical envelope parses; the same re-spaced is named as not canonical; junk as bad', () => {
    const text = canonicalJson(env);
    const ok = parseEnvelope(text);
    expect(ok.problem).toBeNull();
    expect(ok.envelope?.id).toBe(env.id);
    expect(parseEnvelope(JSON.stringify(env, null, 1)).problem).toBe('not-canonical');
    expect(parseEnvelope('{')).toEqual({ envelope: null, problem: 'bad-envelope' });
    expect(parseEnvelope('{"id":"x"}')).toEqual({ envelope: null, problem: 'bad-envelope' });
  });

  it('the vault’s light parse refuses a record missing any field the chains need', () => {
    const text = JSON.stringify(env);
    expect(parseEnvelopeLight(text)).toEqual({ envelope: JSON.parse(text), problem: null });
    expect(parseEnvelopeLight('nope')).toEqual({ envelope: null, problem: 'bad-envelope' });
    expect(parseEnvelopeLight('null').problem).toBe('bad-envelope');
    expect(parseEnvelopeLight('"text"').problem).toBe('bad-envelope');
    const breakers: Array<[string, unknown]> = [
      ['id', 1],
      ['caseId', null],
      ['kind', 3],
      ['seq', '1'],
      ['caseSeq', '1'],
      ['prev', 5],
      ['casePrev', 5],
      ['signedAt', 0],
      ['signer', null],
      ['body', null],
      ['body', 'text'],
    ];
    for (const [field, value] of breakers)
      expect(parseEnvelopeLight(JSON.stringify({ ...env, [field]: value })).problem, field).toBe(
        'bad-envelope',
      );
    for (const field of ['accountId', 'keyId'])
      expect(
        parseEnvelopeLight(JSON.stringify({ ...env, signer: { ...env.signer, [field]: 7 } }))
          .problem,
        field,
      ).toBe('bad-envelope');
    const linked = { ...env, prev: h(1), casePrev: h(2) };
    expect(parseEnvelopeLight(JSON.stringify(linked)).problem).toBeNull();
  });

  it('verdicts name the record: changed content, bad signature, unknown key', () => {
    expect(verdictProblem(0, env, env.id)).toBeNull();
    expect(verdictProblem(1, env, env.id)).toEqual({
      recordId: env.id,
      caseId: CASE_A,
      problem: 'content-changed',
      message: `record ${env.id} (note, case position 1) has been changed since it was signed (its content no longer matches its hash).`,
    });
    expect(verdictProblem(2, env, env.id)).toMatchObject({
      problem: 'bad-signature',
      message: `record ${env.id} (note, case position 1) has a signature that does not verify with its signer's key.`,
    });
    expect(verdictProblem(3, null, 'r-9')).toEqual({
      recordId: 'r-9',
      caseId: undefined,
      problem: 'unknown-key',
      message: 'record r-9 names a signing key that is not known.',
    });
  });
});
