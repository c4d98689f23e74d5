// Word matching for intents and notes. Text is folded (NFKD, marks removed, lower case, apostrophes dropped so
// "wasn't" is one word) and split on anything that is not a letter or digit, so phrases match on word
// boundaries in any script that separates words with spaces or punctuation. Scripts without spaces (Chinese,
// Japanese, Thai) would need a segmenter; not needed by any shipped playbook.

/** Longer message text is cut here: the words around an identifier are short, and hostile 10 kB pastes stay cheap. */
export const MAX_MESSAGE_CHARS = 4000;

const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’ʼ`]/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;
/** In phrases a `*` survives the split, to mark a prefix. */
const NON_WORD_OR_STAR = /[^\p{L}\p{N}*]+/u;

export function foldWords(text: string, maxChars = MAX_MESSAGE_CHARS, keepStar = false): string[] {
  const folded = text
    .slice(0, maxChars)
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '');
  return folded.split(keepStar ? NON_WORD_OR_STAR : NON_WORD).filter((w) => w !== '' && w !== '*');
}

/** A phrase as folded words; the last word may end in `*` (a prefix). */
interface CompiledPhrase {
  words: string[];
  prefixLast: boolean;
  /** Which entry (intent, note word) the phrase belongs to. */
  owner: number;
}

export interface PhraseIndex {
  /** Phrases by their exact first word. */
  byFirst: Map<string, CompiledPhrase[]>;
  /** Phrases whose first word is a prefix (`bag*`), checked against every word. */
  prefixFirst: CompiledPhrase[];
}

export function compilePhrases(groups: readonly (readonly string[])[]): PhraseIndex {
  const index: PhraseIndex = { byFirst: new Map(), prefixFirst: [] };
  groups.forEach((phrases, owner) => {
    for (const phrase of phrases) {
      const prefixLast = phrase.trim().endsWith('*');
      const words = foldWords(phrase, 200, true).map((w) => w.replaceAll('*', ''));
      if (words.length === 0) continue;
      const compiled = { words, prefixLast, owner };
      if (prefixLast && words.length === 1) index.prefixFirst.push(compiled);
      else {
        const first = words[0] as string;
        const list = index.byFirst.get(first);
        if (list) list.push(compiled);
        else index.byFirst.set(first, [compiled]);
      }
    }
  });
  return index;
}

function matchesAt(words: readonly string[], at: number, phrase: CompiledPhrase): boolean {
  const last = phrase.words.length - 1;
  if (at + last >= words.length) return false;
  for (let k = 0; k <= last; k++) {
    const word = words[at + k] as string;
    const want = phrase.words[k] as string;
    if (k === last && phrase.prefixLast ? !word.startsWith(want) : word !== want) return false;
  }
  return true;
}

export interface PhraseHit {
  owner: number;
  /** The words of the text that matched, as folded. */
  text: string;
  negated: boolean;
}

/** Every occurrence of every phrase; `negated` when one of the two words before it is a negation. */
export function findPhrases(
  words: readonly string[],
  index: PhraseIndex,
  negations: ReadonlySet<string>,
): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const negatedAt = (i: number) =>
    (i >= 1 && negations.has(words[i - 1] as string)) || (i >= 2 && negations.has(words[i - 2] as string));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const candidates = index.byFirst.get(word);
    if (candidates) {
      for (const phrase of candidates) {
        if (matchesAt(words, i, phrase)) {
          hits.push({
            owner: phrase.owner,
            text: words.slice(i, i + phrase.words.length).join(' '),
            negated: negatedAt(i),
          });
        }
      }
    }
    for (const phrase of index.prefixFirst) {
      if (word.startsWith(phrase.words[0] as string))
        hits.push({ owner: phrase.owner, text: word, negated: negatedAt(i) });
    }
  }
  return hits;
}
