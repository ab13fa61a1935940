// Tolerant text keys: how two spellings of the same word are recognised as one.
// Used for headers, list values, organization codes and ФИО identity alike.

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g; // soft hyphen, zero-width chars, BOM
const SPACES = /[\s\u00a0\u2007\u202f]+/g;
const DASHES = /\s*[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]\s*/g;
const CYRILLIC = /[\u0400-\u04ff]/;

// Latin letters that look like Cyrillic ones, as typed on an English layout or pasted from PDFs.
const LOOKALIKE: Record<string, string> = {
  A: "А", B: "В", C: "С", E: "Е", H: "Н", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х", Y: "У",
  a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", k: "к",
};

/** Removes invisible characters and collapses whitespace; what every text cell goes through. */
export function cleanText(s: string): string {
  return s.replace(INVISIBLE, "").replace(SPACES, " ").trim();
}

/** Maps Latin look-alikes to Cyrillic inside words that already contain Cyrillic letters. */
export function fixLookalikes(s: string): string {
  return s.replace(/[\p{L}]+/gu, (word) =>
    CYRILLIC.test(word) ? word.replace(/[A-Za-z]/g, (ch) => LOOKALIKE[ch] ?? ch) : word,
  );
}

/** Key for matching values: case, ё/е, look-alikes, dashes and spaces do not matter. */
export function valueKey(s: string): string {
  return fixLookalikes(cleanText(s)).toLowerCase().replace(/ё/g, "е").replace(DASHES, "-");
}

/** Key for headers: additionally ignores dots, line breaks and all spaces (`Ф.И.О.` = `ФИО`). */
export function headerKey(s: string): string {
  return valueKey(s).replace(/\(.*?\)/g, "").replace(/[.\s:*]/g, "");
}

/** Levenshtein distance, bounded: good enough to suggest the nearest allowed list value. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The nearest candidate by edit distance on keys, or undefined when nothing is reasonably close. */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  const key = valueKey(value);
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const ck = valueKey(c);
    const d = ck.startsWith(key) || key.startsWith(ck) ? Math.abs(ck.length - key.length) * 0.5 : editDistance(key, ck);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.ceil(key.length * 0.4)) ? best : undefined;
}
