// Rosters as school forms write them (docs/layouts.md, «Rosters»): ФИО in three columns, the organization by
// name, the role as «Статус участника», one row per mentoring pair, and separate lists per base («База
// наставников», «База наставляемых») whose role is their title. Each is read into the template's columns
// (a view, view.ts) once per sheet; a layout that differs from the template's only by its headers needs none.
import { type CellValue, type SheetInput, isBlank, isCellError } from "../../model/cells";
import { type ColumnSpec, PARTICIPANTS } from "../../model/columns";
import { ROLE, menteeCategoriesOf, mentorCategoriesOf } from "../../model/dictionaries";
import { HEADER_SCAN_ROWS, type LocatedSheet } from "../headers";
import { displayText } from "../readers";
import { valueKey } from "../../model/text";
import { EMPTY_ROW, type SheetView, type ViewPlace } from "../view";
import { type ColumnOverrides, type FoundColumn, ROSTER_FIELDS, type Side, matchFields } from "./fields";
import { type LayoutRead, type PendingNote, describeColumns } from "./result";

type Key = (typeof PARTICIPANTS.columns)[number]["key"];

const KEYS = PARTICIPANTS.columns.map((c) => c.key) as Key[];
const POS = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<Key, number>;
const specOf = (k: Key) => PARTICIPANTS.columns.find((c) => c.key === k)! as ColumnSpec<Key>;

/** The role a title names: «База наставников» → Наставник, «Наставляемые» → Наставляемый; null when neither or both. */
export function roleOfTitle(title: string): string | null {
  const k = valueKey(title);
  const mentee = /наставляем/.test(k);
  const mentor = /наставник|наставниц/.test(k);
  return mentee === mentor ? null : mentee ? ROLE.mentee : ROLE.mentor;
}

const BLOCK_TITLE = /^(?:[\d.)\s]+)?(?:(?:база|список|реестр|перечень)(?: данных)? )?(?:наставник|наставниц|наставляем)/;

/** A row that is a base list's title: one filled cell, a short text naming the base. */
function blockTitle(row: readonly CellValue[]): string | null {
  let found: string | null = null;
  for (const v of row) {
    if (isBlank(v)) continue;
    if (found !== null || typeof v !== "string") return null;
    found = v;
  }
  if (found === null || found.length > 120) return null;
  return BLOCK_TITLE.test(valueKey(found)) && roleOfTitle(found) !== null ? found : null;
}

interface TitleRole {
  readonly role: string;
  /** The title as written. */
  readonly from: string;
  readonly where: "title" | "table" | "sheet";
}

/** The role of a list without a role column: the nearest title above its header, else its only table's name, else its sheet's. */
function titleRoleOf(sheet: SheetInput, headerIndex: number): TitleRole | null {
  for (let i = headerIndex - 1; i >= 0; i--) {
    for (const v of sheet.rows[i] ?? []) {
      if (typeof v !== "string" || isBlank(v)) continue;
      const role = roleOfTitle(v);
      if (role) return { role, from: displayText(v), where: "title" };
    }
  }
  if (sheet.tables?.length === 1) {
    const role = roleOfTitle(sheet.tables[0]);
    if (role) return { role, from: sheet.tables[0], where: "table" };
  }
  const role = roleOfTitle(sheet.name);
  return role ? { role, from: sheet.name, where: "sheet" } : null;
}

export interface RosterDetection {
  readonly sheet: SheetInput;
  readonly headerIndex: number;
  readonly found: ReadonlyMap<string, FoundColumn>;
  readonly pairs: boolean;
  readonly titleRole: TitleRole | null;
  readonly complete: boolean;
  readonly missing: readonly ColumnSpec<Key>[];
  readonly score: number;
}

function evaluate(sheet: SheetInput, headerIndex: number, found: Map<string, FoundColumn>): RosterDetection {
  const has = (id: string) => found.has(id);
  const pairs = has("mentor:fio") && has("mentee:fio");
  const person = pairs || has("fio") || (has("lastName") && has("firstName"));
  const titleRole = pairs || has("role") ? null : titleRoleOf(sheet, headerIndex);
  const role = has("role") || pairs || titleRole !== null;
  // Without a category column, pair rows and base lists take it from the form of mentorship (its two sides).
  const category = has("category") || ((pairs || titleRole !== null) && has("form"));
  const missing: ColumnSpec<Key>[] = [];
  if (!person) missing.push(specOf("fio"));
  if (!has("orgCode")) missing.push(specOf("orgCode"));
  if (!role) missing.push(specOf("role"));
  if (!category) missing.push(specOf("category"));
  if (!has("form")) missing.push(specOf("form"));
  if (!has("start")) missing.push(specOf("start"));
  return { sheet, headerIndex, found, pairs, titleRole, complete: missing.length === 0, missing, score: person ? found.size : 0 };
}

/**
 * The header row of a roster in any of the layouts: the first of the first ten rows (alone or with the row
 * above it) whose columns make a complete roster; failing that, the best partial one (a person column and
 * at least one more), for a sheet found by its name.
 */
export function detectRoster(sheet: SheetInput, overrides: ColumnOverrides | undefined): RosterDetection | undefined {
  let best: RosterDetection | undefined;
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  for (let i = 0; i < limit; i++) {
    const row = sheet.rows[i];
    if (row.length === 0) continue;
    const tries = [evaluate(sheet, i, matchFields(ROSTER_FIELDS, row, null, overrides))];
    if (i > 0) tries.push(evaluate(sheet, i, matchFields(ROSTER_FIELDS, row, sheet.rows[i - 1], overrides)));
    const complete = tries.filter((t) => t.complete).sort((a, b) => b.score - a.score)[0];
    if (complete) return complete;
    for (const t of tries) if (t.score >= 2 && (!best || t.score > best.score)) best = t;
  }
  return best;
}

/**
 * Base lists one after another on one sheet, each under its title («База наставников», then «База
 * наставляемых»): the blocks as sheets of their own (same name, their own first row, so every address stays
 * the user's). Null when the sheet holds one list.
 */
export function rosterBlocks(sheet: SheetInput): SheetInput[] | null {
  const titles: number[] = [];
  for (let i = 0; i < sheet.rows.length; i++) {
    const row = sheet.rows[i];
    if (row.length > 0 && blockTitle(row) !== null) titles.push(i);
  }
  if (titles.length === 0) return null;
  const first = sheet.firstRow ?? 1;
  const slice = (from: number, to: number): SheetInput => ({ ...sheet, rows: sheet.rows.slice(from, to), firstRow: first + from });
  const blocks: SheetInput[] = [];
  // A list above the first title is a block too when it has a header of its own.
  if (titles[0] > 0) {
    const head = slice(0, titles[0]);
    if (detectRoster(head, undefined)?.complete) blocks.push(head);
  }
  titles.forEach((t, k) => blocks.push(slice(t, titles[k + 1] ?? sheet.rows.length)));
  return blocks.length > 1 || titles[0] > 0 ? blocks : null;
}

// ---------------------------------------------------------------------------------------------------
// The view: where each template column comes from, per side of a pair row.

type Source =
  | { readonly kind: "col"; readonly index: number; readonly header: string; readonly own: boolean }
  | { readonly kind: "join"; readonly indexes: readonly number[]; readonly header: string }
  | { readonly kind: "const"; readonly value: string; readonly index: number; readonly header: string }
  | { readonly kind: "category"; readonly side: Side; readonly index: number; readonly header: string }
  | { readonly kind: "pair-of-row"; readonly index: number; readonly header: string };

interface SideSources {
  readonly role: string | null;
  readonly sources: readonly (Source | null)[]; // by spec position
}

const WHO: Record<Side, string> = { mentor: "наставника", mentee: "наставляемого" };

function sidesOf(d: RosterDetection): SideSources[] {
  const f = d.found;
  const col = (id: string, own = false): Source | null => {
    const c = f.get(id);
    return c ? { kind: "col", index: c.index, header: c.header, own } : null;
  };
  const formIdx = f.get("form")?.index ?? 0;
  if (!d.pairs) {
    const side: Side = d.titleRole?.role === ROLE.mentor ? "mentor" : "mentee";
    const parts = (["lastName", "firstName", "middleName"] as const).map((id) => f.get(id)).filter((c): c is FoundColumn => c !== undefined);
    const fio: Source | null = f.has("fio")
      ? col("fio")
      : parts.length > 0
        ? { kind: "join", indexes: parts.map((p) => p.index), header: parts.map((p) => p.header).join(", ") }
        : null;
    const fioIdx = fio === null ? 0 : fio.kind === "col" ? fio.index : fio.kind === "join" ? fio.indexes[0] : 0;
    const sources: (Source | null)[] = KEYS.map((k) => {
      if (k === "fio") return fio;
      if (k === "role" && !f.has("role") && d.titleRole) return { kind: "const", value: d.titleRole.role, index: fioIdx, header: "Роль" };
      if (k === "category" && !f.has("category") && d.titleRole) return { kind: "category", side, index: formIdx, header: "Категория" };
      return col(k);
    });
    return [{ role: d.titleRole?.role ?? null, sources }];
  }
  return (["mentor", "mentee"] as const).map((side) => {
    const fioCol = f.get(`${side}:fio`)!;
    // A pair row's single «Дата рождения», «Согласие …» is the mentee's, but does not make a mentee of a row by itself.
    const shared = (k: Key) => (side === "mentee" ? col(k) : null);
    const sources: (Source | null)[] = KEYS.map((k) => {
      switch (k) {
        case "fio":
          return col(`${side}:fio`, true);
        case "birthDate":
        case "consent":
          return col(`${side}:${k}`, true) ?? shared(k);
        case "category":
          return col(`${side}:category`, true) ?? shared("category") ?? { kind: "category", side, index: formIdx, header: `Категория ${WHO[side]}` };
        case "role":
          return { kind: "const", value: side === "mentor" ? ROLE.mentor : ROLE.mentee, index: fioCol.index, header: fioCol.header };
        case "pair":
          return col("pair") ?? { kind: "pair-of-row", index: fioCol.index, header: "Пара/группа" };
        default:
          return col(k);
      }
    });
    return { role: side === "mentor" ? ROLE.mentor : ROLE.mentee, sources };
  });
}

function joined(row: readonly CellValue[], indexes: readonly number[]): CellValue {
  const parts: string[] = [];
  for (const i of indexes) {
    const v = row[i] ?? null;
    if (isCellError(v)) return v;
    if (!isBlank(v)) parts.push(displayText(v));
  }
  return parts.length === 0 ? null : parts.join(" ");
}

function categoryOf(side: Side, form: CellValue): string | null {
  if (typeof form !== "string" || isBlank(form)) return null;
  return (side === "mentor" ? mentorCategoriesOf(form) : menteeCategoriesOf(form))?.[0] ?? null;
}

/** Whether the detection needs a view: anything but one user column per template column. */
function needsView(d: RosterDetection): boolean {
  return d.pairs || !d.found.has("fio") || (!d.found.has("role") && d.titleRole !== null) || (!d.found.has("category") && d.titleRole !== null);
}

function layoutWords(d: RosterDetection): string[] {
  const words: string[] = [];
  if (d.pairs) words.push("одна строка — пара: наставник и наставляемый");
  if (!d.pairs && !d.found.has("fio") && d.found.has("lastName")) words.push("ФИО в отдельных столбцах (фамилия, имя, отчество)");
  if (d.titleRole) words.push(`список без столбца роли: роль «${d.titleRole.role}» из названия «${d.titleRole.from}»`);
  if (!d.found.has("category") && (d.pairs || d.titleRole) && d.missing.length === 0) words.push("категория — по форме наставничества");
  return words;
}

/**
 * The located sheet of a detected roster, with a view when its layout needs one, the notes on what was
 * inferred, and its columns as placed.
 */
export function readRosterLayout(d: RosterDetection, foundBy: LocatedSheet<Key>["foundBy"]): LayoutRead<Key> {
  const { sheet, headerIndex, found } = d;
  const firstRow = sheet.firstRow ?? 1;
  const firstCol = sheet.firstColumn ?? 1;
  const headerRow = firstRow + headerIndex;
  const columns = describeColumns(sheet, "participants", headerIndex, found, {
    layout: needsView(d) ? layoutWords(d) : [],
    missing: d.missing.map((c) => c.header),
  });
  const notes: PendingNote[] = [];
  // Columns that are one user column each (what consolidation and formula checks look at).
  const direct: Partial<Record<Key, number>> = {};
  for (const k of KEYS) {
    const c = found.get(k);
    if (c) direct[k] = c.index;
  }
  if (!needsView(d)) {
    return { located: { spec: PARTICIPANTS, sheet, headerIndex, columnIndex: direct, missing: d.missing, foundBy }, notes, issues: [], columns };
  }
  if (d.pairs) direct.fio = undefined;
  const sides = sidesOf(d);
  if (d.titleRole) {
    notes.push({ row: headerRow, col: firstCol, header: "", code: "role-from-title", message: `Столбца роли нет: все строки — «${d.titleRole.role}», по названию «${d.titleRole.from}»` });
  }
  if (!found.has("category") && (d.pairs || d.titleRole) && found.has("form")) {
    const f = found.get("form")!;
    notes.push({ row: headerRow, col: firstCol + f.index, header: f.header, code: "category-from-form", message: "Столбца категории нет: категория берётся из формы наставничества («Учитель – ученик»: наставник — педагог, наставляемый — обучающийся)" });
  }
  if (d.pairs && !found.has("pair")) {
    const f = found.get("mentee:fio")!;
    notes.push({ row: headerRow, col: firstCol + f.index, header: f.header, code: "pair-from-row", message: "Столбца «Пара/группа» нет: каждая строка считается одной парой" });
  }

  const rows: (readonly CellValue[])[] = [];
  const rowNumbers: number[] = [];
  const n = KEYS.length;
  const formPos = POS.form;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const src = sheet.rows[i];
    const rowNo = firstRow + i;
    if (src.length === 0) {
      rows.push(EMPTY_ROW);
      rowNumbers.push(rowNo);
      continue;
    }
    const built = sides.map((side) => {
      const cells = new Array<CellValue>(n).fill(null);
      let any = false;
      let own = false;
      side.sources.forEach((s, p) => {
        if (s === null) return;
        let v: CellValue = null;
        if (s.kind === "col") v = src[s.index] ?? null;
        else if (s.kind === "join") v = joined(src, s.indexes);
        else return;
        if (isBlank(v)) return;
        cells[p] = v;
        any = true;
        if (s.kind === "join" || s.own) own = true;
      });
      return { side, cells, any, own };
    });
    const anyOwn = built.some((b) => b.own);
    let emitted = 0;
    built.forEach((b, k) => {
      // A pair row's side is there when one of its own cells is; a row of shared cells only is the mentee's.
      const emit = sides.length === 1 ? b.any : b.own || (!anyOwn && b.any && k === sides.length - 1);
      if (!emit) return;
      b.side.sources.forEach((s, p) => {
        if (s === null) return;
        if (s.kind === "const") b.cells[p] = s.value;
        else if (s.kind === "category") b.cells[p] = categoryOf(s.side, b.cells[formPos]);
        else if (s.kind === "pair-of-row") b.cells[p] = `стр. ${rowNo}`;
      });
      rows.push(b.cells);
      rowNumbers.push(rowNo);
      emitted++;
    });
    if (emitted === 0) {
      rows.push(EMPTY_ROW);
      rowNumbers.push(rowNo);
    }
  }

  const columnIndex = Object.fromEntries(KEYS.filter((k) => sides.some((s) => s.sources[POS[k]] !== null)).map((k) => [k, POS[k]])) as Partial<Record<Key, number>>;
  const place = (s: Source | null): ViewPlace => {
    if (s === null) return { col: firstCol, header: "" };
    const idx = s.kind === "join" ? s.indexes[0] : s.index;
    return { col: firstCol + idx, header: s.header };
  };
  const view: SheetView<Key> = {
    layout: layoutWords(d),
    rows,
    rowNumbers,
    columnIndex,
    dedupe: d.pairs,
    recordCells: new WeakMap(),
    locate(fields, key) {
      if (key === null) return { col: firstCol, header: "" };
      const side = sides.length === 1 || fields?.role === ROLE.mentor ? sides[0] : sides[1];
      return place(side.sources[POS[key]]);
    },
  };
  return { located: { spec: PARTICIPANTS, sheet, headerIndex, columnIndex: direct, missing: d.missing, foundBy, view }, notes, issues: [], columns };
}
