// Suggestions are pasted into replies and shown in the sidebar, and they carry profile fields and page text
// that anyone could have written. Everything the engine returns goes through here: control characters, bidi
// overrides and zero-width characters are removed (an RTL override can make "exe.txt" read "txt.exe"), angle
// brackets are dropped so no markup survives even if a consumer forgets to render text as text, and a value
// taken from the profile is capped so a 10 kB name cannot swamp a sentence.

const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff<>]/g;
const SPACES = /\s+/g;

export const MAX_VALUE_CHARS = 80;

export function plain(text: string): string {
  return plainFragment(text).trim();
}

/** Like plain() but keeps a leading or trailing space: for the literal pieces between a template's placeholders. */
export function plainFragment(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACES, ' ');
}

/** A profile value put into a template: plain, and at most MAX_VALUE_CHARS characters. */
export function plainValue(text: string): string {
  const clean = plain(text);
  return clean.length > MAX_VALUE_CHARS ? `${clean.slice(0, MAX_VALUE_CHARS - 1)}…` : clean;
}
