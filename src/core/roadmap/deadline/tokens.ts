// Tokenizer for deadline texts: normalized text → dates, numbers, month names, keywords.
// Multi-word phrases (`на постоянной основе`, `1 раз в квартал`) become one keyword token,
// so the grammar composes a handful of token kinds instead of matching whole sentences.
import { normalizeText } from "./normalize";

export type Keyword =
  | "until" // до, к, не позднее
  | "from" // с, со, начиная с
  | "to" // по
  | "then" // далее, затем, в дальнейшем
  | "ongoing" // постоянно, на постоянной основе, в течение всего периода реализации ЦМН
  | "monthly" // ежемесячно, раз в месяц
  | "quarterly" // ежеквартально, (1) раз в квартал
  | "yearly" // ежегодно, раз в год
  | "during" // в течение, на протяжении
  | "in" // в, во
  | "day-of-month" // числа
  | "every-month" // каждого месяца
  | "end" // конца, конец, концу
  | "quarter" // квартал(а), кв.
  | "half-year" // полугодие
  | "academic-year" // учебный год
  | "calendar-year"; // календарного года, текущего года

export type Token =
  | { type: "date"; y: number; m: number; d: number; threeDigitYear: boolean; text: string }
  | { type: "num"; value: number; text: string }
  | { type: "year"; value: number; text: string }
  | { type: "month"; value: number; text: string }
  | { type: "roman"; value: number; text: string }
  | { type: "kw"; kw: Keyword; text: string }
  | { type: "dash" | "comma" | "slash"; text: string }
  | { type: "word"; text: string }; // anything not understood: makes the whole text unparsed

// Nominative, genitive and prepositional forms (`сентябрь`, `сентября`, `в сентябре`) and short forms.
const MONTHS: ReadonlyArray<RegExp> = [
  /^(?:январ[ьяе]|янв)$/,
  /^(?:феврал[ьяе]|февр?)$/,
  /^(?:март[ае]?|мар)$/,
  /^(?:апрел[ьяе]|апр)$/,
  /^ма[йяе]$/,
  /^июн[ьяе]?$/,
  /^июл[ьяе]?$/,
  /^(?:август[ае]?|авг)$/,
  /^(?:сентябр[ьяе]|сент?)$/,
  /^(?:октябр[ьяе]|окт)$/,
  /^(?:ноябр[ьяе]|нояб?)$/,
  /^(?:декабр[ьяе]|дек)$/,
];

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Words that carry no meaning in a deadline: `г.`, `года`, `срок`, the list conjunction `и`. */
const FILLER = /^(г|гг|год|года|году|годы|годов|срок|сроки|и)$/;

// Phrases over space-joined raw tokens, longest first; each must end at a token boundary.
const DURING = "(?:в течени[ея]|на протяжении|в период)";
const PERIOD_TAIL = "(?: (?:реализации|внедрения|действия|цмн|целевой|модели|наставничества|программы|программ|проекта|плана|дорожной|карты))*";
const PHRASE_SOURCES: ReadonlyArray<readonly [Keyword | "filler", string]> = [
  ["ongoing", `${DURING} (?:всего )?(?:периода|срока)${PERIOD_TAIL}`],
  ["ongoing", `весь (?:период|срок)${PERIOD_TAIL}|в период (?:реализации|внедрения|действия)${PERIOD_TAIL}`],
  ["ongoing", "на постоянной основе|постоянно|бессрочно"],
  ["monthly", "(?:(?:1|один) )?раз в месяц|ежемесячно"],
  ["quarterly", "(?:(?:1|один) )?раз в квартал|ежеквартально|поквартально"],
  ["yearly", "(?:(?:1|один) )?раз в год|ежегодно"],
  ["every-month", "(?:каждого|каждый) месяца?"],
  ["day-of-month", "числа"],
  ["academic-year", "учебн[а-я]* год[а-я]*"],
  ["calendar-year", "(?:календарн|текущ)[а-я]* год[а-я]*"],
  ["during", DURING],
  ["filler", "в срок"],
  ["then", "далее|затем|в дальнейшем"],
  ["until", "не (?:позднее|позже)|до|к"],
  ["from", "начиная (?:с|со)|с|со"],
  ["to", "по"],
  ["end", "конца|конец|концу|конце|окончания"],
  ["quarter", "квартал[а-я]*|кв"],
  ["half-year", "полугод[а-я]*"],
  ["in", "в|во"],
];
const PHRASES = PHRASE_SOURCES.map(([kw, src]) => [kw, new RegExp(`^(?:${src})(?= |$)`)] as const);
const MAX_PHRASE_TOKENS = 12;

const RX = {
  space: /\s+/y,
  iso: /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y,
  dotted: /(\d{1,2})\.(\d{1,2})\.(\d{2,4})(?!\d)/y,
  num: /\d+/y,
  ordinal: /-?(?:го|ого|ое|е|й|я)(?![а-я])/y, // 15-го числа, 1-й квартал
  yearSuffix: /\s*(?:гг|г|годы|годов|года|году|год)(?![а-яa-z])\.?/y,
  word: /[a-zа-я\u0456]+/y,
  punct: /[.;:()«»"'„“”!?]+/y,
};

function stick(rx: RegExp, s: string, at: number): RegExpExecArray | null {
  rx.lastIndex = at;
  return rx.exec(s);
}

/** A two-digit year is 20YY (`Д.М.ГГ`); `022` is a typo for 2022; other three-digit years stay invalid. */
function fullYear(digits: string): { y: number; threeDigit: boolean } {
  const n = Number(digits);
  if (digits.length === 2) return { y: 2000 + n, threeDigit: false };
  if (digits.length === 3) return { y: digits[0] === "0" ? 2000 + n : n, threeDigit: true };
  return { y: n, threeDigit: false };
}

/** First pass: characters → raw tokens (words not yet classified). */
function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const skipYearSuffix = () => {
    const m = stick(RX.yearSuffix, s, i);
    if (m) i += m[0].length;
  };
  while (i < s.length) {
    let m: RegExpExecArray | null;
    if ((m = stick(RX.space, s, i)) || (m = stick(RX.punct, s, i))) {
      i += m[0].length;
    } else if ((m = stick(RX.iso, s, i))) {
      i += m[0].length;
      out.push({ type: "date", y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), threeDigitYear: false, text: m[0] });
    } else if ((m = stick(RX.dotted, s, i))) {
      i += m[0].length;
      const { y, threeDigit } = fullYear(m[3]);
      out.push({ type: "date", y, m: Number(m[2]), d: Number(m[1]), threeDigitYear: threeDigit, text: m[0] });
      skipYearSuffix();
    } else if ((m = stick(RX.num, s, i))) {
      i += m[0].length;
      const value = Number(m[0]);
      if (m[0].length === 4) {
        out.push({ type: "year", value, text: m[0] });
        skipYearSuffix();
      } else {
        out.push({ type: "num", value, text: m[0] });
        const o = stick(RX.ordinal, s, i);
        if (o) i += o[0].length;
      }
    } else if ((m = stick(RX.word, s, i))) {
      i += m[0].length;
      out.push({ type: "word", text: m[0] });
    } else {
      const ch = s[i++];
      if (ch === "-") out.push({ type: "dash", text: ch });
      else if (ch === ",") out.push({ type: "comma", text: ch });
      else if (ch === "/") out.push({ type: "slash", text: ch });
      else out.push({ type: "word", text: ch });
    }
  }
  return out;
}

function classifyWord(text: string): Token | null {
  if (FILLER.test(text)) return null;
  const mi = MONTHS.findIndex((rx) => rx.test(text));
  if (mi >= 0) return { type: "month", value: mi + 1, text };
  const roman = ROMAN[text.replace(/\u0456/g, "i")];
  if (roman !== undefined) return { type: "roman", value: roman, text };
  return { type: "word", text };
}

/** Second pass: merge phrases into keywords, classify the remaining words, drop filler. */
function merge(raw: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const t = raw[i];
    if (t.type === "word" || t.type === "num") {
      const window = raw.slice(i, i + MAX_PHRASE_TOKENS).map((x) => x.text).join(" ");
      let matched = false;
      for (const [kw, rx] of PHRASES) {
        const m = rx.exec(window);
        if (!m) continue;
        const count = m[0].split(" ").length;
        if (kw !== "filler") out.push({ type: "kw", kw, text: m[0] });
        i += count;
        matched = true;
        break;
      }
      if (matched) continue;
    }
    if (t.type === "word") {
      const c = classifyWord(t.text);
      if (c) out.push(c);
    } else {
      out.push(t);
    }
    i++;
  }
  return out;
}

export function tokenize(text: string): Token[] {
  return merge(lex(normalizeText(text)));
}
