// The one-time transport passphrase of an encrypted export: six words drawn uniformly with
// node:crypto randomInt from a 2,048-word list (6 × 11 = 66 bits), joined by hyphens so that it can
// be typed into `7zz x -p…` without quoting. Shown once to the DSL, never stored.
import { randomInt } from 'node:crypto';
import { PASSPHRASE_WORDS } from './wordList';

export const PASSPHRASE_WORD_COUNT = 6;

export function passphraseBits(words = PASSPHRASE_WORD_COUNT): number {
  return words * Math.log2(PASSPHRASE_WORDS.length);
}

export function oneTimePassphrase(words = PASSPHRASE_WORD_COUNT): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++)
    out.push(PASSPHRASE_WORDS[randomInt(0, PASSPHRASE_WORDS.length)]!);
  return out.join('-');
}
