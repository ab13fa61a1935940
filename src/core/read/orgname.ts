// Organization names as districts and schools write them: the short form for narrow tables, one matching
// key for every spelling of a name (legal forms abbreviated or written out, any quotes, case, ё/е, spaces,
// «г.»/«города», «№5»/«№ 5»), matching a written name to the organizations of a workbook, and the type an
// organization's name implies. The one definition of all of it (docs/layouts.md, «Names»).
import { editDistance, fixLookalikes, quoted, valueKey } from "../model/text";

// Short organization names for narrow tables: the legal form as the usual abbreviation, the name kept.
const FORMS: [RegExp, string][] = [
  [/муниципальное\s+бюджетное\s+образовательное\s+учреждение\s+дополнительного\s+образования/i, "МБОУ ДО"],
  [/муниципальное\s+бюджетное\s+учреждение\s+дополнительного\s+образования/i, "МБУ ДО"],
  [/муниципальное\s+автономное\s+учреждение\s+дополнительного\s+образования/i, "МАУ ДО"],
  [/муниципальное\s+бюджетное\s+общеобразовательное\s+учреждение/i, "МБОУ"],
  [/муниципальное\s+автономное\s+общеобразовательное\s+учреждение/i, "МАОУ"],
  [/муниципальное\s+казённое\s+общеобразовательное\s+учреждение|муниципальное\s+казенное\s+общеобразовательное\s+учреждение/i, "МКОУ"],
  [/муниципальное\s+общеобразовательное\s+учреждение/i, "МОУ"],
  [/муниципальное\s+бюджетное\s+дошкольное\s+образовательное\s+учреждение/i, "МБДОУ"],
  [/муниципальное\s+дошкольное\s+образовательное\s+учреждение/i, "МДОУ"],
];

export function shortOrgName(name: string): string {
  let s = name.replace(/\s+/g, " ").trim();
  for (const [re, abbr] of FORMS) s = s.replace(re, abbr);
  return s.replace(/"([^"]*)"/g, "«$1»");
}

// ---------------------------------------------------------------------------------------------------
// The matching key. Everything is lower case with ё as е before these run, so the patterns are too.

/** Legal forms written out → their abbreviation; the longer phrase first where one contains another. */
const LEGAL_FORMS: [RegExp, string][] = [
  [/муниципальн[а-я]* бюджетн[а-я]* образовательн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "мбоу до"],
  [/муниципальн[а-я]* автономн[а-я]* образовательн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "маоу до"],
  [/муниципальн[а-я]* казенн[а-я]* образовательн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "мкоу до"],
  [/муниципальн[а-я]* образовательн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "моу до"],
  [/муниципальн[а-я]* бюджетн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "мбу до"],
  [/муниципальн[а-я]* автономн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "мау до"],
  [/муниципальн[а-я]* казенн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "мку до"],
  [/муниципальн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "му до"],
  [/муниципальн[а-я]* бюджетн[а-я]* дошкольн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "мбдоу"],
  [/муниципальн[а-я]* автономн[а-я]* дошкольн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "мадоу"],
  [/муниципальн[а-я]* казенн[а-я]* дошкольн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "мкдоу"],
  [/муниципальн[а-я]* дошкольн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "мдоу"],
  [/муниципальн[а-я]* бюджетн[а-я]* общеобразовательн[а-я]* учреждени[а-я]*/g, "мбоу"],
  [/муниципальн[а-я]* автономн[а-я]* общеобразовательн[а-я]* учреждени[а-я]*/g, "маоу"],
  [/муниципальн[а-я]* казенн[а-я]* общеобразовательн[а-я]* учреждени[а-я]*/g, "мкоу"],
  [/муниципальн[а-я]* общеобразовательн[а-я]* учреждени[а-я]*/g, "моу"],
  [/муниципальн[а-я]* бюджетн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "мбоу"],
  [/муниципальн[а-я]* автономн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "маоу"],
  [/муниципальн[а-я]* казенн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "мкоу"],
  [/муниципальн[а-я]* бюджетн[а-я]* учреждени[а-я]*/g, "мбу"],
  [/муниципальн[а-я]* автономн[а-я]* учреждени[а-я]*/g, "мау"],
  [/муниципальн[а-я]* казенн[а-я]* учреждени[а-я]*/g, "мку"],
  [/государственн[а-я]* бюджетн[а-я]* профессиональн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "гбпоу"],
  [/государственн[а-я]* автономн[а-я]* профессиональн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "гапоу"],
  [/государственн[а-я]* профессиональн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "гпоу"],
  [/государственн[а-я]* бюджетн[а-я]* общеобразовательн[а-я]* учреждени[а-я]*/g, "гбоу"],
  [/государственн[а-я]* бюджетн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "гбу до"],
  [/государственн[а-я]* автономн[а-я]* учреждени[а-я]* дополнительного образования( детей)?/g, "гау до"],
  [/государственн[а-я]* бюджетн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "гбоу"],
  [/профессиональн[а-я]* образовательн[а-я]* учреждени[а-я]*/g, "поу"],
];

/** Abbreviations written without their space («МБУДО») → with it. */
const GLUED: [RegExp, string][] = [[/(?<![а-я\d])(мбоу|маоу|мкоу|моу|мбу|мау|мку|му|гбу|гау)до(?![а-я\d])/g, "$1 до"]];

/** Kinds of organization written out → their usual abbreviation (the name's own words, not its legal form). */
const KINDS: [RegExp, string][] = [
  [/средн[а-я]* общеобразовательн[а-я]* школ[а-я]*/g, "сош"],
  [/основн[а-я]* общеобразовательн[а-я]* школ[а-я]*/g, "оош"],
  [/начальн[а-я]* общеобразовательн[а-я]* школ[а-я]*/g, "нош"],
  [/детск[а-я]*[ -]юношеск[а-я]* спортивн[а-я]* школ[а-я]*/g, "дюсш"],
  [/спортивн[а-я]* школ[а-я]*/g, "сш"],
  [/детск[а-я]* школ[а-я]* искусств/g, "дши"],
  [/детск[а-я]* музыкальн[а-я]* школ[а-я]*/g, "дмш"],
  [/детск[а-я]* художественн[а-я]* школ[а-я]*/g, "дхш"],
  [/центр[а-я]* дополнительного образования( детей)?/g, "цдо"],
  [/дом[а-я]* детского творчества/g, "ддт"],
  [/центр[а-я]* детского творчества/g, "цдт"],
  [/дворц[а-я]* детского творчества|дворец детского творчества/g, "ддт"],
  [/станци[а-я]* юных техников/g, "сют"],
  [/детск[а-я]* сад[а-я]*/g, "дс"],
];

/** Tokens of a legal form: not part of what tells one organization from another. */
const LEGAL_TOKENS = new Set([
  "мбоу", "маоу", "мкоу", "моу", "мбу", "мау", "мку", "му", "мбдоу", "мадоу", "мкдоу", "мдоу",
  "гбпоу", "гапоу", "гпоу", "гбоу", "гбу", "гау", "поу", "до",
]);

/** Words that do not single out one organization: a name made only of them names none in particular. */
/** A word's stem for loose comparison: its first six letters («Пикалево» and «Пикалевская» share one). */
const stem = (t: string) => (t.length > 6 && /^[а-я]+$/.test(t) ? t.slice(0, 6) : t);
const GENERIC = new Set(
  [
  "сош", "оош", "нош", "дюсш", "сш", "дши", "дмш", "дхш", "цдо", "ддт", "цдт", "сют", "дс", "г", "№", "им", "имени",
  "школа", "гимназия", "лицей", "центр", "детская", "детский", "район", "района", "муниципального", "образования",
  "дополнительного", "учреждение", "организация", "колледж", "техникум", "поселок", "пос", "с", "п", "д",
  ].flatMap((w) => [w, stem(w)]),
);

const QUOTES = /[«»"„“”‟‘’‚'`]/g;

/**
 * The matching key of an organization name: lower case, ё as е, Latin look-alikes as Cyrillic, no quotes or
 * punctuation, legal forms and kinds of organization as their abbreviations, «г.»/«город»/«города» as «г»,
 * «№5» as «№ 5». Two spellings of one name have one key.
 */
export function orgNameKey(name: string): string {
  let s = fixLookalikes(name.normalize("NFC")).toLowerCase().replaceAll("ё", "е");
  s = s.replace(QUOTES, " ").replace(/[\u2010-\u2015\u2212]/g, "-");
  s = s.replace(/№\s*/g, " № ").replace(/(?<![a-zа-я\d])n\s*(?=\d)/g, " № ");
  s = s.replace(/[.,;:()[\]/\\]+/g, " ").replace(/\s+/g, " ").trim();
  s = s.replace(/\s*-\s*/g, "-");
  // Most names hold no legal form or kind written out (codes, short names): their patterns are skipped.
  if (s.includes("учрежд")) for (const [re, abbr] of LEGAL_FORMS) s = s.replace(re, abbr);
  if (/школ|центр|дом|двор|станци|сад/.test(s)) for (const [re, abbr] of KINDS) s = s.replace(re, abbr);
  for (const [re, to] of GLUED) s = s.replace(re, to);
  s = s.replace(/(?<![а-я\d])(город[а-я]*|гор)(?![а-я\d])/g, "г").replace(/\s*-\s*/g, " ");
  return s.replace(/\s+/g, " ").trim();
}

/** The key without its legal-form tokens: what the organization is called, whatever its legal form. */
export function orgCoreKey(key: string): string {
  return key
    .split(" ")
    .filter((t) => !LEGAL_TOKENS.has(t))
    .join(" ");
}

const legalOf = (key: string) =>
  key
    .split(" ")
    .filter((t) => LEGAL_TOKENS.has(t))
    .join(" ");

// ---------------------------------------------------------------------------------------------------
// The type an organization's name implies.

export type OrgTypeGuess = { readonly type: string; readonly because: string } | null;

/** Per type: the abbreviations (whole tokens of the key) and the words (anywhere in it) that imply it. */
const TYPE_RULES: [ReadonlySet<string>, RegExp | null, string, string][] = [
  [new Set(["мбдоу", "мадоу", "мкдоу", "мдоу", "дс"]), /дошкольн/, "ДОО", "дошкольное образовательное учреждение"],
  [new Set(["гбпоу", "гапоу", "гпоу", "поу"]), /колледж|техникум|профессиональн[а-я]* училищ/, "СПО", "профессиональная образовательная организация"],
  [new Set(["до", "дши", "дмш", "дхш", "дюсш", "сш", "цдо", "ддт", "цдт", "сют"]), /дополнительного образования/, "ОДО", "организация дополнительного образования"],
  [new Set(["мбоу", "маоу", "мкоу", "моу", "гбоу", "сош", "оош", "нош"]), /гимнази|лице[йя]|общеобразовательн|школа интернат/, "ОО", "общеобразовательная организация"],
];

/** The type (ОО, ОДО, СПО, ДОО) a name implies by its legal form or kind, with the words that say so; null when none. */
export function inferOrgType(name: string): OrgTypeGuess {
  const key = orgNameKey(name);
  const tokens = key.split(" ");
  for (const [abbrs, words, type, because] of TYPE_RULES) {
    const t = tokens.find((x) => abbrs.has(x));
    const w = t === undefined ? words?.exec(key)?.[0] : undefined;
    if (t !== undefined || w !== undefined) return { type, because: `${because} («${t !== undefined ? t.toUpperCase() : w}»)` };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Matching a written name (or code) to the workbook's organizations.

export interface KnownOrganization {
  readonly code: string;
  readonly name: string;
}

export type OrgMatch =
  | { readonly kind: "match"; readonly code: string; readonly by: "code" | "name" }
  | { readonly kind: "ambiguous"; readonly candidates: readonly KnownOrganization[] }
  | { readonly kind: "unknown"; readonly nearest: readonly KnownOrganization[] };

interface Entry extends KnownOrganization {
  readonly key: string;
  readonly core: string;
  readonly legal: string;
  readonly tokens: ReadonlySet<string>;
}

const tokensOf = (core: string) => new Set(core.split(" ").filter((t) => t !== "").map(stem));
const contains = (big: ReadonlySet<string>, small: ReadonlySet<string>) => small.size > 0 && [...small].every((t) => big.has(t));
const distinctive = (tokens: Iterable<string>) => [...tokens].some((t) => /\d/.test(t) || (t.length >= 4 && !GENERIC.has(t)));

/**
 * Texts that are no organization's name: a TRUE/FALSE cell read as text, and the words of a total row
 * («ИТОГО», «Всего»). A roster cell TRUE or ИТОГО must never be matched to an organization whose name cell
 * holds the same (two bad cells making one silent match).
 */
const NOT_NAMES = new Set(["истина", "ложь", "true", "false"]);
const isName = (name: string) => name !== "" && !NOT_NAMES.has(orgNameKey(name)) && !isTotalCode(name);

/**
 * The organizations of a workbook by code and by name. `resolve` tries, in order: the code (valueKey); the
 * whole name key; the name without its legal form (the legal form then only tells namesakes apart); a name
 * whose distinctive words are all in exactly one organization's name, or that holds all of one's. Anything
 * else is unknown, with the nearest names; two or more fits are ambiguous. Remembers its answers: a roster
 * repeats a few names down thousands of rows.
 */
export class OrgResolver {
  private readonly byCode = new Map<string, string>();
  private readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, Entry[]>();
  private readonly byCore = new Map<string, Entry[]>();
  private readonly memo = new Map<string, OrgMatch>();

  private pending: readonly KnownOrganization[] | null;

  constructor(orgs: readonly KnownOrganization[]) {
    for (const o of orgs) {
      if (o.code === "") continue;
      const k = valueKey(o.code);
      if (!this.byCode.has(k)) this.byCode.set(k, o.code);
    }
    this.pending = orgs; // names are keyed when a first text is not a code
  }

  private short: Map<string, KnownOrganization[]> | undefined;

  /** The organizations whose whole name is short, like a code («ДДТ»), by their name's key. */
  private shortNames(): Map<string, KnownOrganization[]> {
    if (this.short) return this.short;
    this.short = new Map();
    for (const o of this.pending ?? this.entries) {
      if (o.code === "" || !isName(o.name) || looksLikeName(o.name)) continue;
      const k = orgNameKey(o.name);
      const list = this.short.get(k) ?? [];
      if (!list.some((x) => x.code === o.code)) list.push({ code: o.code, name: o.name });
      this.short.set(k, list);
    }
    return this.short;
  }

  /** Keys the names, once: a workbook whose cells all hold codes never needs them. */
  private keyNames(): void {
    if (this.pending === null) return;
    const seen = new Set<string>();
    for (const o of this.pending) {
      const k = valueKey(o.code);
      if (o.code === "" || seen.has(k)) continue;
      seen.add(k);
      if (!isName(o.name)) continue;
      const key = orgNameKey(o.name);
      const core = orgCoreKey(key);
      const e: Entry = { code: o.code, name: o.name, key, core, legal: legalOf(key), tokens: tokensOf(core) };
      this.entries.push(e);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), e]);
      if (core !== "") this.byCore.set(core, [...(this.byCore.get(core) ?? []), e]);
    }
    this.pending = null;
  }

  get size(): number {
    return this.byCode.size;
  }

  resolve(text: string): OrgMatch {
    let m = this.memo.get(text);
    if (m === undefined) {
      m = this.compute(text);
      if (this.memo.size < 10_000) this.memo.set(text, m);
    }
    return m;
  }

  private compute(text: string): OrgMatch {
    const code = this.byCode.get(valueKey(text));
    if (code !== undefined) return { kind: "match", code, by: "code" };
    // A mistyped code («СОШ12») is no name: it can only be an organization's short name written whole («ДДТ»).
    if (!looksLikeName(text)) {
      const k = orgNameKey(text);
      const hits = this.shortNames().get(k);
      const codes = new Set(hits?.map((h) => h.code));
      if (codes.size === 1) return { kind: "match", code: hits![0].code, by: "name" };
      if (codes.size > 1) return { kind: "ambiguous", candidates: hits! };
      return { kind: "unknown", nearest: [] };
    }
    this.keyNames();
    if (this.entries.length === 0) return { kind: "unknown", nearest: [] };
    const key = orgNameKey(text);
    if (key === "") return { kind: "unknown", nearest: [] };
    const one = (xs: readonly Entry[] | undefined): OrgMatch | undefined => {
      if (xs === undefined) return undefined;
      const codes = new Set(xs.map((x) => x.code));
      if (codes.size === 1) return { kind: "match", code: xs[0].code, by: "name" };
      if (codes.size > 1) return { kind: "ambiguous", candidates: xs.map(({ code, name }) => ({ code, name })) };
      return undefined;
    };
    const exact = one(this.byKey.get(key));
    if (exact) return exact;
    const core = orgCoreKey(key);
    const legal = legalOf(key);
    const sameCore = this.byCore.get(core) ?? [];
    if (sameCore.length > 1 && legal !== "") {
      const byLegal = one(sameCore.filter((e) => e.legal === legal));
      if (byLegal?.kind === "match") return byLegal;
    }
    const byCore = one(sameCore.length > 0 ? sameCore : undefined);
    if (byCore) return byCore;
    const tokens = tokensOf(core);
    const within = this.entries.filter((e) => contains(e.tokens, tokens) || (distinctive(e.tokens) && contains(tokens, e.tokens)));
    if (distinctive(tokens)) {
      const fit = one(within.length > 0 ? within : undefined);
      if (fit) return fit;
    } else if (new Set(within.map((e) => e.code)).size > 1) {
      // Only generic words («Детская школа искусств»): never taken for one organization, but named as ambiguous.
      return { kind: "ambiguous", candidates: within.map(({ code, name }) => ({ code, name })) };
    }
    return { kind: "unknown", nearest: within.length > 0 ? within.slice(0, 3).map(({ code, name }) => ({ code, name })) : this.nearest(core, tokens) };
  }

  /** Up to three organizations nearest to a name: most shared words, then fewest edits between the names. */
  private nearest(core: string, tokens: ReadonlySet<string>): KnownOrganization[] {
    const scored = this.entries.map((e) => {
      let shared = 0;
      for (const t of tokens) if (e.tokens.has(t) && !GENERIC.has(t)) shared++;
      const dist = editDistance(core, e.core) / Math.max(core.length, e.core.length, 1);
      return { e, shared, dist };
    });
    return scored
      .filter((s) => s.shared > 0 || s.dist <= 0.4)
      .sort((a, b) => b.shared - a.shared || a.dist - b.dist)
      .slice(0, 3)
      .map(({ e }) => ({ code: e.code, name: e.name }));
  }
}

/** Whether a cell of an organization column reads as a name rather than a code: a space in it, or a long text. */
export function looksLikeName(text: string): boolean {
  return /\s/.test(text.trim()) || text.trim().length > 15;
}

/** «БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»» for lists of candidates in messages. */
export function orgLabel(o: KnownOrganization): string {
  const short = shortOrgName(o.name);
  return short === o.code || short === "" ? o.code : `${o.code} — ${quoted(short, 80)}`;
}

const TOTAL_WORDS = new Set(["итого", "всего", "итого по муниципалитету", "муниципалитет"]);

/** Empty code or `ИТОГО` marks the municipal total row of an indicator. */
export function isTotalCode(code: string | null): boolean {
  return code === null || code === "" || TOTAL_WORDS.has(valueKey(code));
}
