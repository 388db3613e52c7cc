// A vault written by CaseSeal 0.1.0 (the previous engine, key-slot file version 1, WAL never
// checkpointed) opens, searches, reads and appends under the current engine, and its log verifies.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { removeDir, tempDir } from '../helpers/vault';
import { noteBody } from '../helpers/records';

const FIXTURE = join(__dirname, '..', 'fixtures', 'vault-0.1.0');
const meta = JSON.parse(readFileSync(join(FIXTURE, 'fixture.json'), 'utf8')) as {
  accounts: Record<'dsl' | 'staff' | 'slt' | 'deputy', { id: string; passphrase: string }>;
  caseId: string;
  recordKinds: string[];
  searchMarker: string;
};

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

function copyOfFixture(): string {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('a vault made by CaseSeal 0.1.0', () => {
  it('opens with the DSL passphrase, finds the un-checkpointed records, appends, and verifies', async () => {
    const dir = copyOfFixture();
    const core = new CaseSealCore({ vaultDir: dir });
    try {
      await core.signIn(meta.accounts.dsl.id, meta.accounts.dsl.passphrase);
      const view = await cases.getCase(core, meta.caseId);
      expect(view.records.map((r) => r.envelope.kind)).toEqual(meta.recordKinds);
      const hits = await cases.searchRecords(core, meta.searchMarker);
      expect(hits.map((h) => h.caseId)).toEqual([meta.caseId]);
      const added = await cases.addRecord(core, {
        caseId: meta.caseId,
        kind: 'note',
        body: noteBody({ subject: 'Written by the new engine' }),
      });
      expect(added.record.envelope.kind).toBe('note');
      const report = await core.checkWholeLog();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await core.close();
    }
    // And it opens again after the new engine has checkpointed and closed it.
    const again = new CaseSealCore({ vaultDir: dir });
    try {
      await again.signIn(meta.accounts.dsl.id, meta.accounts.dsl.passphrase);
      const view = await cases.getCase(again, meta.caseId);
      expect(view.records.map((r) => r.envelope.kind)).toEqual([...meta.recordKinds, 'note']);
    } finally {
      await again.close();
    }
  });

  it('refuses a wrong passphrase for the old key-slot file and changes nothing', async () => {
    const dir = copyOfFixture();
    const before = readFileSync(join(dir, 'caseseal.db'));
    const core = new CaseSealCore({ vaultDir: dir });
    try {
      await expect(
        core.signIn(meta.accounts.dsl.id, 'not-the-passphrase-at-all'),
      ).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
      });
      expect(core.currentSession()).toBeNull();
    } finally {
      await core.close();
    }
    expect(readFileSync(join(dir, 'caseseal.db')).equals(before)).toBe(true);
  });
});
