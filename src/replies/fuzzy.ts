// Typo tolerance for triage, kept small and explainable: a reader's word is read as one of the key words in
// rules.ts (KEY_WORDS) when it is one slip away from it, and every such reading is recorded ("wnat→want") so
// the reply queue can show why a rule matched. Deterministic: the first key word in list order wins.
import { KEY_WORDS } from "./rules.ts";

/** Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two neighbours). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** True when `word` is `key` with two neighbouring letters swapped ("wnat" for "want"). */
function isSwap(word: string, key: string): boolean {
  if (word.length !== key.length || word === key) return false;
  const diff: number[] = [];
  for (let i = 0; i < word.length; i++) if (word[i] !== key[i]) diff.push(i);
  const [x, y] = diff;
  return diff.length === 2 && x !== undefined && y === x + 1 && word[x] === key[y] && word[y] === key[x];
}

const KEYS = new Set(KEY_WORDS);

/**
 * The key word a reader's word stands for, or undefined. Words of five letters or more may be one edit away
 * (Damerau-Levenshtein 1); four-letter words only by a swap of two neighbours, because one substitution in a
 * four-letter word too often makes another real word ("wont" → "want", "kill" → "bill").
 */
export function keyWordFor(word: string): string | undefined {
  if (word.length < 4 || KEYS.has(word)) return undefined;
  for (const key of KEY_WORDS) {
    if (word.length >= 5 && key.length >= 5) {
      if (Math.abs(word.length - key.length) <= 1 && editDistance(word, key) === 1) return key;
    } else if (word.length === 4 && key.length === 4 && isSwap(word, key)) return key;
  }
  return undefined;
}

/** The text with every near-miss word read as its key word, and the readings made ("wnat→want"). */
export function correctKeyWords(text: string): { text: string; corrections: string[] } {
  const corrections: string[] = [];
  const corrected = text.replace(/\p{L}+/gu, (word) => {
    const key = keyWordFor(word);
    if (key === undefined) return word;
    corrections.push(`${word}→${key}`);
    return key;
  });
  return { text: corrected, corrections };
}
