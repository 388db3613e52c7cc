// More of the zip layer of the export verifier: passphrases typed with stray hyphens, an entry
// whose compressed data cannot be inflated at all, and files the verifier cannot read.
import { describe, expect, it, beforeAll } from 'vitest';
import { verifyBundle } from '../../../src/main/core/verify/bundle';
import { BUNDLE_FILES } from '../../../src/main/core/verify/bundleFormat';
import { goldenBundle, type GoldenBundle } from '../../helpers/goldenBundle';
import { zipBundle, zipEntryData } from '../../helpers/exportFixture';

const PASS = 'abide-ability-able-abroad-absence-absurd';
let g: GoldenBundle;
beforeAll(async () => {
  g = await goldenBundle();
}, 10 * 60_000);

describe('passphrases', () => {
  it('a passphrase typed with a doubled or leading hyphen, or a tab, still opens the export', async () => {
    const enc = await zipBundle(g.files, PASS);
    for (const typed of [
      '-abide--ability\table abroad-absence absurd-',
      'ABIDE ability able abroad absence absurd',
    ])
      expect((await verifyBundle(enc, { passphrase: typed })).status, typed).toBe('valid');
  });
});

describe('damaged entries', () => {
  it('attack: an entry’s compressed data damaged so that it cannot be inflated is named as damaged, with the reason', async () => {
    const zip = Buffer.from(await zipBundle(g.files));
    const { start } = (await zipEntryData(zip)).find((x) => x.filename === BUNDLE_FILES.report)!;
    zip[start] = 0xff; // a deflate block header no inflater accepts
    zip[start + 1] = 0xff;
    const r = await verifyBundle(zip);
    if (r.status !== 'invalid') throw new Error(r.status);
    const hit = r.problems.find(
      (p) => p.file === BUNDLE_FILES.report && p.code === 'zip-entry-damaged',
    );
    expect(hit?.message).toMatch(
      /^report\.pdf: its data inside the zip is damaged and cannot be read \(.+\)\.$/,
    );
  });
});

describe('files the verifier cannot read', () => {
  it('a path it cannot open for another reason (a name too long) is named as unreadable, with no wrong explanation', async () => {
    expect(await verifyBundle(`/${'x'.repeat(5000)}.zip`)).toEqual({
      status: 'unusable',
      reason: 'unreadable',
      message: 'The file could not be read.',
    });
  });
});
