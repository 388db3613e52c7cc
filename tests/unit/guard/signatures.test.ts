// Tests of the R2 signatures on their own: every generated format is named from its first bytes; noise and text never are.
import { describe, expect, it } from 'vitest';
import { bytesView } from '../../../src/shared/guard/bytes';
import { sniff } from '../../../src/shared/guard/signatures';
import { bytes, noise, SAMPLES } from '../../helpers/imageryCorpus';
import { UNDER_MUTATION } from '../../helpers/mutationRun';

describe('R2 signatures', () => {
  it.each(SAMPLES.filter((s) => s.bytes))('names $name from its first bytes', (s) => {
    expect(sniff(bytesView(s.bytes!))?.format).toBe(s.format);
  });

  it.each(SAMPLES.filter((s) => s.bytes))(
    'does not name $name for sure from its first 3 bytes (too short)',
    (s) => {
      expect(sniff(bytesView(s.bytes!.subarray(0, 3)))?.weak ?? true).toBe(true);
    },
  );

  // Under mutation testing 20,000 offsets (still about 80 tries of every first byte): each mutant
  // reruns this in instrumented code.
  const OFFSETS = UNDER_MUTATION ? 20_000 : 200_000;

  it(`never names a strong format at any of ${OFFSETS.toLocaleString('en-GB')} offsets of random bytes`, () => {
    const data = Uint8Array.from(noise(OFFSETS, 42));
    const hits: string[] = [];
    for (let off = 0; off < data.length; off++) {
      const s = sniff(bytesView(data, off));
      if (s !== null && !s.weak) hits.push(`${off}: ${s.format}`);
    }
    expect(hits).toEqual([]);
  });

  it('never names a format in ordinary text read as bytes, in five languages', () => {
    const text = bytes(
      Buffer.from(
        'The child said a photo was shared. Dywedodd y plentyn. Zażółć gęślą jaźń. ' +
          'قال الطفل إنه تلقى رسالة. 孩子说他收到了一条信息。 بچے نے بتایا۔ RIFF WEBP ftyp isom GIF89a',
        'utf8',
      ),
    );
    for (let off = 0; off < text.length; off++)
      expect(sniff(bytesView(text, off))?.weak ?? true).toBe(true);
  });
});
