// Text normalization before tokenizing: the same deadline typed on different keyboards,
// pasted from Word or PDF, must give the same characters.

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g; // soft hyphen, zero-width chars, BOM
// NBSP and friends become a plain space rather than vanishing: `апреля\u00a02021` is two words.
const SPACES = /[\s\u00a0\u2007\u202f\u205f\u3000]+/g;
const DASHES = /[\u2010-\u2015\u2212\u2043\u02d7\ufe58\ufe63\uff0d]/g;
const CYRILLIC = /[а-яё]/;
const LATIN = /[a-z]/;

// Lower-case Latin letters that look like Cyrillic ones (after lower-casing: `B`→`b`→`в`, `H`→`h`→`н`).
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: "а", b: "в", c: "с", e: "е", h: "н", k: "к", m: "м", o: "о", p: "р", t: "т", x: "х", y: "у",
};
const ALL_LOOKALIKE = /^[abcehkmoptxy]+$/;

function fixWord(word: string): string {
  const mixed = CYRILLIC.test(word) && LATIN.test(word);
  // Deadlines have no Latin vocabulary (roman numerals I, V are not look-alikes), so a word made
  // only of look-alikes is Russian typed on the wrong layout: `C 01.04.2021` with a Latin C.
  const disguised = ALL_LOOKALIKE.test(word);
  return mixed || disguised ? word.replace(/[a-z]/g, (ch) => LOOKALIKE[ch] ?? ch) : word;
}

/** Lower case, `ё`→`е`, one kind of dash, single spaces, Latin look-alikes mapped to Cyrillic. */
export function normalizeText(raw: string): string {
  const s = raw
    .replace(INVISIBLE, "")
    .replace(SPACES, " ")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(DASHES, "-")
    .trim();
  return s.replace(/[a-zа-я]+/g, fixWord);
}
