// Tests of the R2 no-imagery text guard: every format × every encoding refused, ordinary text accepted, linear time.
//
// The corpus is generated here (rule R2: never real images): minimal headers and magic byte
// sequences for each format, padded with deterministic noise standing in for compressed data.

import { describe, expect, it } from 'vitest';
import {
  checkText,
  detectImagery,
  IMAGERY_RULE_EXPLANATION,
  sniffImageryBytes,
  type ImageryFinding,
} from '../../../src/shared/guard/imagery';
import { bytes, noise, SAMPLES, type Sample } from '../../helpers/imageryCorpus';
import { matrixCover, UNDER_MUTATION } from '../../helpers/mutationRun';

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);
const payloadOf = (s: Sample): Uint8Array => s.bytes ?? bytes(s.markup ?? '');
const b64 = (s: Sample): string => Buffer.from(payloadOf(s)).toString('base64');
const wrap = (text: string, width: number, eol: string): string =>
  (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol);
const percentAll = (b: Uint8Array): string =>
  Array.from(b, (x) =>
    /[A-Za-z0-9]/.test(String.fromCharCode(x))
      ? String.fromCharCode(x)
      : `%${x.toString(16).padStart(2, '0').toUpperCase()}`,
  ).join('');

const CAPTION = 'Pasted below, as it arrived:\n';
const BEFORE = 'The message said ';
const AFTER = ' and then nothing more was sent.';

interface Encoding {
  name: string;
  encode: (s: Sample) => string;
  expect: (s: Sample, text: string) => Omit<ImageryFinding, 'format'>;
}

/** Where the markup of a text sample starts (after any XML declaration). */
const markupStart = (s: Sample): number =>
  s.markup?.search(/<svg|<!doctype svg|\/\* XPM|%!PS/i) ?? 0;

const ENCODINGS: Encoding[] = [
  {
    name: 'raw (latin1 bytes, or the markup as typed)',
    encode: (s) => s.markup ?? latin1(payloadOf(s)),
    expect: (s) => ({ encoding: s.markup ? 'markup' : 'raw', index: markupStart(s) }),
  },
  {
    name: 'raw after a caption',
    encode: (s) => CAPTION + (s.markup ?? latin1(payloadOf(s))) + '\nend',
    expect: (s) => ({
      encoding: s.markup ? 'markup' : 'raw',
      index: CAPTION.length + markupStart(s),
    }),
  },
  {
    name: 'base64, contiguous',
    encode: (s) => b64(s),
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64, wrapped at 76 with CRLF',
    encode: (s) => wrap(b64(s), 76, '\r\n'),
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64, wrapped at 64 with LF',
    encode: (s) => wrap(b64(s), 64, '\n') + '\n',
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64url, unpadded',
    encode: (s) => b64(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64 mid-sentence',
    encode: (s) => BEFORE + b64(s) + AFTER,
    expect: () => ({ encoding: 'base64', index: BEFORE.length }),
  },
  {
    name: 'base64 wrapped mid-sentence',
    encode: (s) => BEFORE + '\n' + wrap(b64(s), 76, '\n') + '\n' + AFTER,
    expect: () => ({ encoding: 'base64', index: BEFORE.length + 1 }),
  },
  {
    name: 'base64 as left in a JSON string (\\/ and \\n escapes)',
    encode: (s) => '{"file": "' + wrap(b64(s), 76, '\\n').replace(/\//g, '\\/') + '"}',
    expect: () => ({ encoding: 'base64', index: 10 }),
  },
  {
    name: 'data: URL with its own media type',
    encode: (s) => `data:${s.mime};base64,${b64(s)}`,
    expect: () => ({ encoding: 'data-url', index: 0 }),
  },
  {
    name: 'data: URL, application/octet-stream',
    encode: (s) => `data:application/octet-stream;base64,${b64(s)}`,
    expect: () => ({ encoding: 'data-url', index: 0 }),
  },
  {
    name: 'data: URL, application/octet-stream, percent-encoded',
    encode: (s) => `data:application/octet-stream,${percentAll(payloadOf(s))}`,
    expect: () => ({ encoding: 'data-url', index: 0 }),
  },
  {
    name: 'data: URL in an HTML attribute',
    encode: (s) =>
      `<p>Look: <img alt="x" src="data:${s.mime};base64,${wrap(b64(s), 76, '\n')}"></p>`,
    expect: (_s, text) => ({ encoding: 'data-url', index: text.indexOf('data:') }),
  },
];

describe('R2 corpus sanity (generated, never real images)', () => {
  it.each(SAMPLES.filter((s) => s.bytes))(
    '$name carries a control byte, as every binary file does',
    (s) => {
      const isControl = (b: number): boolean => b < 32 && b !== 9 && b !== 10 && b !== 13;
      expect(Array.from(payloadOf(s)).some(isControl)).toBe(true);
      expect(payloadOf(s).length).toBeGreaterThanOrEqual(20);
      expect(payloadOf(s).length).toBeLessThan(1000);
    },
  );
  it.each(SAMPLES.filter((s) => s.bytes))('$name is named by the byte sniffer', (s) => {
    expect(sniffImageryBytes(payloadOf(s))).toBe(s.format);
  });
});

describe('R2: every format in every encoding is refused with its format name', () => {
  const cases = matrixCover(SAMPLES, ENCODINGS).map(({ sample, encoding }) => ({
    label: `${sample.name} — ${encoding.name}`,
    sample,
    encoding,
  }));
  it.each(cases)('$label', ({ sample, encoding }) => {
    const text = encoding.encode(sample);
    expect(detectImagery(text)).toEqual({
      format: sample.format,
      ...encoding.expect(sample, text),
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Other refusals
// ---------------------------------------------------------------------------------------------

const PNG = SAMPLES[0] as Sample;
const unknownBinary = (n: number): Uint8Array => {
  const out = Uint8Array.from(noise(n, 99));
  out.set([0x01, 0x02]); // starts with no known signature
  return out;
};

describe('R2: other refusals', () => {
  it.each([
    ['data:image/png;base64,AAAA', 0],
    ['data:image/png;base64,', 0],
    ['data:video/mp4,hello', 0],
    ['DATA:IMAGE/JPEG;BASE64,/9j/', 0],
    ['see (data:image/svg+xml;utf8,<svg/>)', 5],
    ['link: data:image/gif;charset=x;base64,R0lGOD', 6],
  ])('any image/ or video/ data: URL, whatever its payload: %s', (text, index) => {
    expect(detectImagery(text)).toMatchObject({ encoding: 'data-url', index });
  });

  it('names an image/ data: URL with an unrecognised payload as a data: URL', () => {
    expect(detectImagery('data:image/png;base64,AAAA')).toEqual({
      format: 'data: URL',
      encoding: 'data-url',
      index: 0,
    });
  });

  it.each([
    ['NUL', 'before\u0000after', 6],
    ['BEL', 'ring\u0007', 4],
    ['ESC (terminal colour code)', 'red \u001b[31mtext', 4],
    ['vertical tab', 'a\u000bb', 1],
    ['form feed', 'page\u000cbreak', 4],
    ['unit separator', '\u001f', 0],
  ])(
    'a C0 control character (%s) is refused as a control character, never called an image',
    (_label, text, index) => {
      expect(detectImagery(text)).toBeNull();
      expect(checkText(text)).toEqual({
        kind: 'control-character',
        index,
        codePoint: text.charCodeAt(index),
      });
    },
  );

  it('names raw imagery even when it is not at the start of the string', () => {
    expect(detectImagery('abc' + latin1(payloadOf(PNG)))).toEqual({
      format: 'PNG',
      encoding: 'raw',
      index: 3,
    });
  });

  const blob = Buffer.from(unknownBinary(600)).toString('base64');
  it.each([
    ['contiguous', blob, 0],
    ['wrapped at 76', wrap(blob, 76, '\r\n'), 0],
    ['base64url', blob.replace(/\+/g, '-').replace(/\//g, '_'), 0],
    ['mid-sentence', BEFORE + wrap(blob, 64, '\n') + AFTER, BEFORE.length],
    ['after a long word', 'Attachmentcontentfollowing ' + wrap(blob, 76, '\n'), 27],
  ])(
    'a long base64 run of an unknown binary format (%s) is refused as binary data',
    (_label, text, index) => {
      expect(detectImagery(text)).toEqual({ format: 'binary data', encoding: 'base64', index });
    },
  );

  it('a long binary data: URL payload of unknown format is refused', () => {
    const text = `data:application/octet-stream;base64,${blob}`;
    expect(detectImagery(text)).toEqual({ format: 'binary data', encoding: 'data-url', index: 0 });
  });

  it('base64 of a data: URL, and base64 of base64, are seen through', () => {
    const dataUrl = `data:image/png;base64,${b64(PNG)}`;
    expect(detectImagery(Buffer.from(dataUrl).toString('base64'))).toEqual({
      format: 'PNG',
      encoding: 'base64',
      index: 0,
    });
    expect(detectImagery('x ' + Buffer.from(b64(PNG)).toString('base64'))).toEqual({
      format: 'PNG',
      encoding: 'base64',
      index: 2,
    });
  });

  it('a data: URL with a text media type whose payload is SVG markup is refused', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>';
    expect(detectImagery(`data:text/plain;base64,${Buffer.from(svg).toString('base64')}`)).toEqual({
      format: 'SVG markup',
      encoding: 'data-url',
      index: 0,
    });
    expect(detectImagery(`data:text/html,${encodeURIComponent(svg)}`)).toEqual({
      format: 'SVG markup',
      encoding: 'data-url',
      index: 0,
    });
  });

  it('a JSON-escaped image data: URL is still refused by its payload', () => {
    expect(detectImagery(`{"src":"data:image\\/png;base64,${b64(PNG)}"}`)).toMatchObject({
      format: 'PNG',
      encoding: 'base64',
    });
  });

  it('base64 glued after a path or key is still found', () => {
    expect(detectImagery(`/uploads/${b64(PNG)}`)).toMatchObject({
      format: 'PNG',
      encoding: 'base64',
      index: 9,
    });
    expect(detectImagery(`file=${b64(PNG)}`)).toMatchObject({
      format: 'PNG',
      encoding: 'base64',
      index: 5,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Ordinary text is accepted
// ---------------------------------------------------------------------------------------------

const WORDS = (
  'the a child said that she had been sent a message on Tuesday evening by another pupil in year nine ' +
  'who asked her to send a photo back; she refused and told her mother, who phoned the school office ' +
  'at 8:15 the next morning. I spoke with the DSL and the headteacher. We agreed not to view the ' +
  'images, and recorded why: there was no good and clear reason to. The police were informed ' +
  '(reference 4471/23) and advised us to keep the phone switched off, in a sealed bag, in the safe. ' +
  "Parents were told. Mr O'Neill, Ms Smith-Jones and the deputy attended the initial review meeting " +
  'safeguarding designated responsibilities communication straightforwardly characteristically ' +
  'antidisestablishmentarianism notwithstanding approximately 2024-11-21 10:15 café naïve résumé'
).split(/\s+/);

function prose(length: number, seed: number): string {
  const rnd = noise(Math.ceil(length / 2) + 64, seed);
  let out = '';
  let k = 0;
  while (out.length < length) {
    const word = WORDS[(rnd[k++ % rnd.length] ?? 0) % WORDS.length] ?? 'the';
    out += word + ((rnd[k % rnd.length] ?? 0) % 11 === 0 ? '.\n' : ' ');
  }
  return out.slice(0, length);
}

describe('R2: ordinary text is accepted', () => {
  it.each([
    ['empty', ''],
    ['50 KB of prose', prose(50_000, 1)],
    [
      '"data:" in prose',
      'data: the figures were collected on Tuesday. Data:image was not mentioned, nor data:,',
    ],
    ['metadata: with a media type', 'Metadata:image/png, size unknown'],
    [
      'format names',
      'The JPEG was described to me; I did not view it. A PNG, a MOV and an MP4 file were listed.',
    ],
    ['GIF89a', 'the GIF89a format, and the older GIF87a one'],
    ['box names as words', 'ftyp isom mp42 moov mdat free wide skip avif heic RIFF WEBP'],
    ['a URL with short tokens', 'https://www.example.com/watch?v=dQw4w9WgXcQ&t=42s'],
    [
      'a document URL',
      'https://docs.google.com/document/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdEFG/edit?usp=sharing',
    ],
    [
      'an Outlook safe link',
      'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2F&data=05%7C02%7Cdsl%40school.sch.uk%7C1a2b3c4d5e6f%7C0%7C0%7C638700000000000000%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C0%7C%7C%7C&sdata=Zm9vYmFyYmF6cXV4%3D&reserved=0',
    ],
    ['Password1', 'Password1'],
    ['abcdEFGH', 'abcdEFGH'],
    ['SHA-1 hex', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['SHA-256 hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['recovery key groups', 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789-ABCD-EFGH-JKLM-NPQR-STUV'],
    [
      'a JWT',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    [
      'an email with a PGP-like short base64 line',
      'Hi,\n\nSee below.\n\n-----BEGIN PGP SIGNATURE-----\n\niHUEARYKAB0WIQTs5Y8wK0aZq3u9Xb1xG2h0n4dJmQUCZk1aBQAKCRBxG2h0n4dJ\n=Ab3d\n-----END PGP SIGNATURE-----\n',
    ],
    [
      'Welsh',
      "Dywedodd y plentyn fod neges wedi'i hanfon ato. Mae'r ŵyr yn byw yng Nghaerdydd; ŷd, ŵy.",
    ],
    ['Polish', 'Zażółć gęślą jaźń. Dziecko powiedziało, że otrzymało wiadomość.'],
    ['emoji', 'She sent 😀👍🏽 and then ❤️‍🔥 — nothing else 🙈🙉🙊'],
    ['"svg" only as a word', 'he wrote svg files; SVG is a format; svg> and <svgfile are not tags'],
    [
      '"<svg>" mentioned as a tag name',
      'A document, such as an XMLHttpRequest, <SVG>, image, or script. The <svg> tag.',
    ],
    [
      'a list of paths, one per line',
      Array.from(
        { length: 60 },
        (_, i) => ` third_party/${WORDS[i % WORDS.length] ?? 'x'}/src/third_party/lib${i}Ctrl`,
      ).join('\n'),
    ],
    [
      'a list of long words, one per line',
      Array.from(
        { length: 80 },
        (_, i) => `straightforwardly${'x'.repeat(i % 9)}Characteristically${i}`,
      ).join('\n'),
    ],
    ['tabs, CR and LF', 'Name:\tSam\r\nYear:\t9\r\n\r\nNotes:\tnone'],
    ['DEL and Latin-1 symbols', 'cost £5 ± 10% © school\u007f'],
    [
      'Windows and UNC paths',
      'C:\\Users\\dsl\\Documents\\notes.txt and \\\\server\\share\\new folder\\report',
    ],
    ['a JSON document', '{"name": "Sam", "notes": "seen at 10:15", "tags": ["online", "peer"]}'],
    [
      'a list of four-letter words',
      Array.from(
        { length: 400 },
        (_, i) =>
          [
            'able',
            'bake',
            'calm',
            'dark',
            'each',
            'face',
            'gave',
            'half',
            'idea',
            'jump',
            'keep',
            'lamb',
            'make',
            'name',
            'open',
            'pack',
            'quiz',
            'rain',
            'safe',
            'take',
            'upon',
            'vary',
            'wake',
            'yard',
            'zero',
            'BOLD',
            'CRAB',
            'DUSK',
          ][i % 28],
      ).join(' '),
    ],
    [
      'a column of four-digit years',
      Array.from({ length: 300 }, (_, i) => String(1900 + (i % 125))).join('\n'),
    ],
    ['a long hexadecimal string', Buffer.from(noise(600, 5)).toString('hex')],
    ['a key held down', 'a'.repeat(2000)],
    ['base64 of a long text', wrap(Buffer.from(prose(3000, 2)).toString('base64'), 76, '\r\n')],
    [
      'base64 of a short binary token (below the long-run threshold)',
      Buffer.from(unknownBinary(300)).toString('base64'),
    ],
    [
      'a base64 token that starts like a bare JPEG XL codestream',
      '/wo' + Buffer.from(noise(90, 8)).toString('base64'),
    ],
    [
      'a path that starts like a bare JPEG XL codestream',
      '/work/main/src/shared/guard/imageryGuardHelpersForTheRendererAndMain',
    ],
    ['a text data: URL', 'data:text/plain;base64,SGVsbG8sIHdvcmxkIQ=='],
    ['a percent-encoded text data: URL', 'data:text/plain,Hello%2C%20world'],
  ])('%s', (_label, text) => {
    expect(detectImagery(text)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Linear time: pathological inputs return
// ---------------------------------------------------------------------------------------------

const MB = 1_000_000;

// Under mutation testing the instrumented guard scans 1 MB 10–20× slower, past the test timeout:
// the block is left to ordinary runs.

// How long these take, and whether the cost stays linear, is measured by `npm run bench`
// (guard_1mb_worst_ms, guard_linearity_ratio); here a backtracking regression shows as a test that
// never answers.
describe.skipIf(UNDER_MUTATION)('R2 guard answers on 1 MB inputs', () => {
  it.each([
    ['A repeated', 'A'.repeat(MB), null],
    ['random prose', prose(MB, 3), null],
    ['"/" repeated', '/'.repeat(MB), null],
    ['four-letter words', 'abcd '.repeat(MB / 5), null],
    ['"data:" repeated', 'data:'.repeat(MB / 5), null],
    ['"data:," repeated', 'data:,'.repeat(MB / 6), null],
    ['a huge percent-encoded data: URL', 'data:,' + '%'.repeat(MB), null],
    ['"data:;base64," repeated', 'data:;base64,'.repeat(MB / 13), null],
    ['"data:;base64,A " repeated', 'data:;base64,A '.repeat(MB / 15), null],
    ['"<svg" without a tag end', '<svgx'.repeat(MB / 5), null],
    ['"<svg " repeated', '<svg '.repeat(MB / 5), null],
    ['"<svg" then long words', ('<svg ' + 'a'.repeat(95)).repeat(MB / 100), null],
    ['drawing elements without an svg tag', '<path <g <text '.repeat(MB / 15), null],
    ['"<!doctype" and spaces', ('<!doctype' + ' '.repeat(91)).repeat(MB / 100), null],
    ['JSON escapes', '\\/\\n'.repeat(MB / 4), null],
    ['spaces', ' '.repeat(MB), null],
  ])('%s returns', (_label, text, expected) => {
    expect(detectImagery(text)).toEqual(expected);
  });

  it('1 MB of base64 binary returns a finding', () => {
    const text = Buffer.from(unknownBinary(750_000)).toString('base64');
    expect(detectImagery(text)).toEqual({ format: 'binary data', encoding: 'base64', index: 0 });
  });

  it('1 MB of raw control characters returns a control-character refusal', () => {
    const result = checkText('\u0001'.repeat(MB));
    expect(result).toEqual({ kind: 'control-character', index: 0, codePoint: 1 });
  });
});

describe('IMAGERY_RULE_EXPLANATION', () => {
  it('explains R2 in plain words and asks for a description in words', () => {
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/never takes in images or video/);
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/R2/);
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/[Dd]escribe in words/);
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/police/);
    expect(IMAGERY_RULE_EXPLANATION).not.toMatch(/base64|data: ?URL|byte|MIME|encod/i);
  });
});
