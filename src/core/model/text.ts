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

// Characters cleanText removes or rewrites: invisible ones, every whitespace but the plain space, and a
// doubled plain space (a single one is only a problem at either end). Checking for them in one scan
// before replacing lets the common, already clean cell through without building new strings.
const SPECIAL = /[\u00ad\u200b-\u200f\u2060\ufeff\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  /;
const LATIN = /[A-Za-z]/;

function isClean(s: string): boolean {
  return s.charCodeAt(0) !== 32 && s.charCodeAt(s.length - 1) !== 32 && !SPECIAL.test(s); // one scan for both
}

/** Removes invisible characters and collapses whitespace; what every text cell goes through. */
export function cleanText(s: string): string {
  if (isClean(s)) return s;
  return s.replace(INVISIBLE, "").replace(SPACES, " ").trim();
}

/** Maps Latin look-alikes to Cyrillic inside words that already contain Cyrillic letters. */
export function fixLookalikes(s: string): string {
  if (!LATIN.test(s) || !CYRILLIC.test(s)) return s; // no word can hold both
  return s.replace(/[\p{L}]+/gu, (word) =>
    CYRILLIC.test(word) ? word.replace(/[A-Za-z]/g, (ch) => LOOKALIKE[ch] ?? ch) : word,
  );
}

/**
 * Maps words made only of look-alike Latin letters to Cyrillic («HET» → «НЕТ»). Not part of valueKey: such a
 * word may be a real Latin code. Callers use it as a second try against a closed list of values.
 */
export function lookalikeWordsToCyrillic(s: string): string {
  if (!LATIN.test(s)) return s;
  return s.replace(/[\p{L}]+/gu, (word) => ([...word].every((ch) => ch in LOOKALIKE) ? word.replace(/[A-Za-z]/g, (ch) => LOOKALIKE[ch]) : word));
}

// valueKey runs several times on every list cell, code and pair id of a roster (100 000 rows: a million
// calls), and the same few thousand values repeat. It is memoised in two generations: when the young map
// is full it becomes the old one, and a value found in the old map moves back, so repeated values stay
// while one-off strings pass through. At most 2 × KEY_CACHE_GENERATION short strings are held.
const KEY_CACHE_GENERATION = 32_768;
const KEY_CACHE_LENGTH = 200;
let youngKeys = new Map<string, string>();
let oldKeys = new Map<string, string>();

/** Key for matching values: case, ё/е, look-alikes, dashes and spaces do not matter. */
export function valueKey(s: string): string {
  if (s.length > KEY_CACHE_LENGTH) return computeValueKey(s);
  let k = youngKeys.get(s);
  if (k !== undefined) return k;
  k = oldKeys.get(s) ?? computeValueKey(s);
  if (youngKeys.size >= KEY_CACHE_GENERATION) {
    oldKeys = youngKeys;
    youngKeys = new Map();
  }
  youngKeys.set(s, k);
  return k;
}

/** valueKey without the memo, for strings that rarely repeat (names): they would only evict the rest. */
export function valueKeyUncached(s: string): string {
  return computeValueKey(s);
}

const DASH = /[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
// Combining marks: «Й» typed or pasted decomposed (И + U+0306), «ё» as е + U+0308, from macOS file names,
// some PDF exports and web forms. Without NFC they never match the same letter typed whole.
const COMBINING = /[\u0300-\u036f]/;

function computeValueKey(s: string): string {
  // Each replace only when its character is there: a roster of names has few dashes and fewer ё than names.
  const t = COMBINING.test(s) ? s.normalize("NFC") : s;
  let k = fixLookalikes(cleanText(t)).toLowerCase();
  if (k.includes("ё")) k = k.replaceAll("ё", "е");
  return DASH.test(k) ? k.replace(DASHES, "-") : k;
}

/**
 * Whether two names have the same valueKey, decided without building either key when that is safe:
 * true or false, or undefined when only the keys can tell. Safe means plain Cyrillic letters and spaces
 * (at the same places in both) up to the first differing letter, which no combining mark follows: there look-alikes, ё and dashes change
 * nothing, lowercasing is per letter, and cleaning spaces treats both prefixes alike. Persons sharing an
 * organization and a birth date are compared this way; most differ in the first letters of the surname.
 */
export function sameKey(a: string, b: string): boolean | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    const xl = x >= 0x410 && x <= 0x44f;
    const yl = y >= 0x410 && y <= 0x44f;
    if (xl && yl) {
      if ((x < 0x430 ? x + 0x20 : x) !== (y < 0x430 ? y + 0x20 : y)) {
        // «И» + U+0306 is «Й»: a combining mark after either letter means only the keys (NFC) can tell.
        const nx = a.charCodeAt(i + 1);
        const ny = b.charCodeAt(i + 1);
        return (nx >= 0x300 && nx <= 0x36f) || (ny >= 0x300 && ny <= 0x36f) ? undefined : false;
      }
    } else if (x !== 0x20 || y !== 0x20) {
      return undefined; // a space against a letter, or any other character: ask the keys
    }
  }
  return a.length === b.length ? true : undefined; // one is longer: a trailing space or a longer name
}

/** Key for headers: additionally ignores dots, line breaks and all spaces (`Ф.И.О.` = `ФИО`). */
export function headerKey(s: string): string {
  // `[^()]*`, not `.*?`: a cell of thousands of "(" must not cost quadratic time.
  return valueKey(s).replace(/\([^()]*\)/g, "").replace(/[.\s:*]/g, "");
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

/**
 * The nearest candidate by edit distance on keys, or undefined when nothing is reasonably close. Never the
 * value itself: a suggestion the user cannot tell from what they typed helps nobody.
 */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  const key = valueKey(value);
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const ck = valueKey(c);
    const d = ck.startsWith(key) || key.startsWith(ck) ? Math.abs(ck.length - key.length) * 0.5 : editDistance(key, ck);
    if (d < bestDist && c !== value) {
      bestDist = d;
      best = c;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.ceil(key.length * 0.4)) ? best : undefined;
}

/**
 * A cell's text as quoted in a message: at most `max` characters, the rest as «…». A cell may hold 32 767
 * characters; a message repeating all of them is unreadable in the task pane and in a terminal.
 */
export function quoted(s: string, max = 100): string {
  if (s.length <= max) return s;
  const chars = Array.from(s); // never cut a surrogate pair in half
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}
