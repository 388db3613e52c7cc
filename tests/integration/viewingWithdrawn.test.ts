// A decision to view whose witness can never countersign (they left the school) is withdrawn with
// its reason: the original stays, it no longer waits for a witness, it no longer blocks closing,
// and a final decision can never be withdrawn.
import { afterEach, describe, expect, it } from 'vitest';
import * as cases from '../../src/main/core/cases/caseService';
import * as imagery from '../../src/main/core/imagery/imageryService';
import { closureFindings } from '../../src/shared/rules/closure';
import { viewingDecisionsOf } from '../../src/shared/records/imageryFacts';
import { utcToUkLocal } from '../../src/shared/ukTime';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const ukAgo = (minutesAgo: number) =>
  utcToUkLocal(new Date(Date.now() - minutesAgo * 60_000).toISOString());

async function world() {
  const v = await setUpVault();
  const sltId = await addAccount(v.core, 'slt', 'Barnaby Headworth');
  const staffId = await addAccount(v.core, 'staff', 'Imogen Staffwell');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const { caseId } = await cases.openCase(v.core, { details: caseDetails() });
  const viewing = await cases.addRecord(v.core, {
    caseId,
    kind: 'viewing-decision',
    body: {
      decision: 'view',
      knownAboutImagery: 'Tallulah said a photo of her was shared; she does not know which.',
      reason: 'The police asked the school to confirm whether the image shows Tallulah.',
      necessary: true,
      sltConsulted: 'account',
      sltAccount: { accountId: sltId, name: '' },
      sltConsultedAt: ukAgo(120),
      sltView: 'Agrees, with a witness present.',
      viewer: { accountId: v.dslId, name: '' },
      witness: { accountId: staffId, name: '' },
      witnessNotSltReason: 'The head was teaching.',
      witnessViewed: false,
      onPremises: true,
      room: 'Headteacher’s office',
      sameSex: true,
      viewingStarted: ukAgo(60),
      viewingEnded: ukAgo(55),
      whatSeen: 'One photograph of a girl in school uniform; the face is Tallulah’s.',
      noCopyDeclaration: true,
      subsequentActions: 'Police informed.',
    },
  });
  return { ...v, sltId, staffId, caseId, viewingId: viewing.record.envelope.id };
}

describe('withdrawing a decision to view that cannot be witnessed', () => {
  it('stops it waiting and blocking closure; the original stays in the log', async () => {
    const w = await world();
    let facts = (await cases.getCase(w.core, w.caseId)).facts!;
    expect(facts.pendingCountersignatures.map((p) => p.purpose)).toEqual(['witness']);
    expect(closureFindings(facts).find((f) => f.rule === 'CLOSE-VIEWING')?.status).toBe('blocks');

    await expect(
      cases.addRecord(w.core, {
        caseId: w.caseId,
        kind: 'viewing-decision-withdrawn',
        body: { decision: w.viewingId, reason: '' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await cases.addRecord(w.core, {
      caseId: w.caseId,
      kind: 'viewing-decision-withdrawn',
      body: { decision: w.viewingId, reason: 'The witness left the school before countersigning.' },
    });

    const view = await cases.getCase(w.core, w.caseId);
    facts = view.facts!;
    expect(view.records.find((r) => r.envelope.id === w.viewingId)).toBeDefined();
    expect(viewingDecisionsOf(facts)[0]).toMatchObject({
      final: false,
      awaitingWitness: false,
      withdrawn: { reason: 'The witness left the school before countersigning.' },
    });
    expect(facts.pendingCountersignatures).toEqual([]);
    // No decision is left waiting; but an imagery case still needs a decision recorded (R1): the
    // withdrawn one no longer counts, so closure asks for one until it is recorded.
    const viewingItem = closureFindings(facts).find((f) => f.rule === 'CLOSE-VIEWING');
    expect(viewingItem?.status).toBe('blocks');
    expect(viewingItem?.message).toMatch(/R1/);
    expect(viewingItem?.message).not.toMatch(/awaiting witness/i);

    // The witness can no longer countersign it, and it cannot be finalised or withdrawn again.
    await expect(
      cases.countersign(w.core, {
        recordId: w.viewingId,
        purpose: 'witness',
        accountId: w.staffId,
        passphrase: PASSPHRASES.staff,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      imagery.finaliseViewing(w.core, {
        recordId: w.viewingId,
        witnessPassphrase: PASSPHRASES.staff,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/withdrawn/) });
    await expect(
      cases.addRecord(w.core, {
        caseId: w.caseId,
        kind: 'viewing-decision-withdrawn',
        body: { decision: w.viewingId, reason: 'Again.' },
      }),
    ).rejects.toMatchObject({
      code: 'RULE_BLOCKED',
      message: expect.stringMatching(/already been withdrawn/),
    });
  });

  it('never withdraws a final (witnessed) decision, and is refused to staff', async () => {
    const w = await world();
    await imagery.finaliseViewing(w.core, {
      recordId: w.viewingId,
      witnessPassphrase: PASSPHRASES.staff,
    });
    await expect(
      cases.addRecord(w.core, {
        caseId: w.caseId,
        kind: 'viewing-decision-withdrawn',
        body: { decision: w.viewingId, reason: 'Changed my mind.' },
      }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED', message: expect.stringMatching(/final/) });
    await w.core.signIn(w.staffId, PASSPHRASES.staff);
    await expect(
      cases.addRecord(w.core, {
        caseId: w.caseId,
        kind: 'viewing-decision-withdrawn',
        body: { decision: w.viewingId, reason: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
