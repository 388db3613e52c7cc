// Passphrase strength: at least 12 characters and a zxcvbn score of 3 or more, with the
// account's own name and the school's name counted as guessable. Shared: main enforces it, the
// renderer shows the same score live.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_SCORE = 3;
export const MAX_PASSPHRASE_LENGTH = 1024;

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

export interface StrengthResult {
  ok: boolean;
  score: number;
  feedback: string;
}

export function checkPassphrase(
  passphrase: string,
  userInputs: readonly string[] = [],
): StrengthResult {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return {
      ok: false,
      score: 0,
      feedback: `Use at least ${MIN_PASSPHRASE_LENGTH} characters — several unrelated words work well.`,
    };
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH)
    return { ok: false, score: 0, feedback: 'That passphrase is too long.' };
  // zxcvbn's cost grows with length; the first 100 characters decide the score well enough.
  const r = estimator().check(
    passphrase.slice(0, 100),
    userInputs.flatMap((s) => s.split(/\s+/)).filter(Boolean),
  );
  const hint = r.feedback.warning || r.feedback.suggestions[0] || '';
  return {
    ok: r.score >= MIN_SCORE,
    score: r.score,
    feedback: r.score >= MIN_SCORE ? 'Strong enough.' : `Too easy to guess. ${hint}`.trim(),
  };
}
