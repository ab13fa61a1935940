// The fields a column of a user's sheet can be (docs/layouts.md): the template's columns and what forms
// write instead of them — ФИО in three columns, a pair row's two persons, an organization by name, a
// targets table with a column per year. One catalogue per sheet kind: header recognition, the column
// mapping of `Настройки` and the pane's drop-downs all read it.
import type { CellValue } from "../../model/cells";
import { ORGANIZATIONS, PARTICIPANTS, ROADMAP, type SheetKind, type SheetSpec, TARGETS } from "../../model/columns";
import { displayText } from "../readers";
import { headerKey, valueKey } from "../../model/text";

export type Side = "mentor" | "mentee";

export interface FieldSpec {
  /** Stable id: a spec column key, or `lastName`, `mentor:fio`, `project`, … */
  readonly id: string;
  /** The field in Russian: what `Настройки` rows name and the pane's drop-downs show. */
  readonly label: string;
  /** Headers that mean this field, best first: when two columns fit one field, the better header wins. */
  readonly headers: readonly string[];
  /** The template column it fills (for a side or a part of ФИО, the one it is part of). */
  readonly key?: string;
  readonly side?: Side;
  /** A part of ФИО written in three columns. */
  readonly part?: "last" | "first" | "middle";
  /** Needed for the sheet to be read (with its alternatives: see layouts). */
  readonly required?: boolean;
}

const specFields = (spec: SheetSpec, labels: Record<string, string> = {}, extra: Record<string, string[]> = {}): FieldSpec[] =>
  spec.columns.map((c) => ({
    id: c.key,
    key: c.key,
    label: labels[c.key] ?? c.header,
    headers: [c.header, ...(c.synonyms ?? []), ...(extra[c.key] ?? [])],
    required: c.mustExist,
  }));

// Organization columns of forms: a code, or the organization's name, which is matched like a plan's names.
const ORG_HEADERS = [
  "ОО",
  "Наименование ОО",
  "Название ОО",
  "Образовательная организация",
  "Наименование образовательной организации",
  "Название образовательной организации",
  "Организация",
  "Наименование организации",
  "Название организации",
  "Наименование учреждения",
  "Учреждение",
];

const sideFields = (side: Side): FieldSpec[] => {
  const who = side === "mentor" ? "наставника" : "наставляемого";
  const label = side === "mentor" ? "наставник" : "наставляемый";
  const extra = side === "mentor" ? ["Наставник", "Наставник (ФИО)", "ФИО педагога-наставника"] : ["Наставляемый", "Наставляемый (ФИО)", "ФИО обучающегося", "ФИО наставляемого обучающегося"];
  return [
    { id: `${side}:fio`, key: "fio", side, label: `ФИО (${label})`, headers: [`ФИО ${who}`, `Ф.И.О. ${who}`, `Фамилия, имя, отчество ${who}`, `Фамилия Имя Отчество ${who}`, ...extra] },
    { id: `${side}:birthDate`, key: "birthDate", side, label: `Дата рождения (${label})`, headers: [`Дата рождения ${who}`, ...(side === "mentee" ? ["Дата рождения обучающегося"] : [])] },
    { id: `${side}:category`, key: "category", side, label: `Категория (${label})`, headers: [`Категория ${who}`] },
    { id: `${side}:consent`, key: "consent", side, label: `Согласие на обработку ПД (${label})`, headers: [`Согласие ${who}`, `Согласие ${who} на обработку ПД`, `Согласие ${who} на обработку персональных данных`, ...(side === "mentee" ? ["Согласие законного представителя"] : [])] },
  ];
};

export const ROSTER_FIELDS: readonly FieldSpec[] = [
  ...specFields(
    PARTICIPANTS,
    { orgCode: "Организация (код или название)" },
    {
      orgCode: ["Код", ...ORG_HEADERS],
      role: ["Статус участника", "Статус в программе", "Роль в программе", "Наставник/наставляемый", "Наставник / наставляемый", "Роль в паре"],
      category: ["Категория (обучающийся, педагог …)"],
      form: ["Форма", "Модель наставничества"],
      start: ["Дата включения", "Дата включения в программу", "Дата закрепления", "Дата начала работы пары"],
    },
  ),
  { id: "lastName", key: "fio", part: "last", label: "ФИО: фамилия", headers: ["Фамилия"] },
  { id: "firstName", key: "fio", part: "first", label: "ФИО: имя", headers: ["Имя"] },
  { id: "middleName", key: "fio", part: "middle", label: "ФИО: отчество", headers: ["Отчество", "Отчество (при наличии)"] },
  ...sideFields("mentor"),
  ...sideFields("mentee"),
];

export const TARGET_FIELDS: readonly FieldSpec[] = [
  ...specFields(
    TARGETS,
    { orgCode: "Организация (код или название)" },
    {
      orgCode: ORG_HEADERS,
      indicator: ["Наименование целевого показателя", "Целевой показатель", "Показатель эффективности", "Наименование индикатора", "Индикатор"],
    },
  ),
  { id: "project", label: "Региональный проект", headers: ["Региональный проект", "Национальный проект", "Федеральный проект", "Проект"] },
];

export const ORGANIZATION_FIELDS: readonly FieldSpec[] = specFields(ORGANIZATIONS);
export const ROADMAP_FIELDS: readonly FieldSpec[] = specFields(ROADMAP);

export function fieldsOf(kind: SheetKind): readonly FieldSpec[] {
  return kind === "participants" ? ROSTER_FIELDS : kind === "targets" ? TARGET_FIELDS : kind === "organizations" ? ORGANIZATION_FIELDS : ROADMAP_FIELDS;
}

/** Not a field: a column the user told the product to leave alone (`Настройки`: «не использовать»). */
export const IGNORE = "ignore";
export const IGNORE_LABEL = "не использовать";

/** Header cell → field, per sheet, as the user confirmed it in `Настройки` (mapping.ts). */
export type ColumnOverrides = ReadonlyMap<string, string>;

export interface FoundColumn {
  /** 0-based index into the row. */
  readonly index: number;
  /** The header as written (two-row headers: both rows). */
  readonly header: string;
  /** Where the field was recognised from. */
  readonly by: "header" | "settings";
}

const catalogueCache = new WeakMap<readonly FieldSpec[], Map<string, { id: string; rank: number }>>();

/** Each header key → the field and the rank of that header among the field's headers. */
function catalogue(fields: readonly FieldSpec[]): Map<string, { id: string; rank: number }> {
  let m = catalogueCache.get(fields);
  if (m) return m;
  m = new Map();
  for (const f of fields) f.headers.forEach((h, rank) => !m!.has(headerKey(h)) && m!.set(headerKey(h), { id: f.id, rank }));
  catalogueCache.set(fields, m);
  return m;
}

const text = (v: CellValue | undefined): string => (v === undefined || v === null ? "" : displayText(v));

// Header texts repeat: every sheet's first rows are matched by several layouts. Their keys are remembered.
const keys = new Map<string, string>();
function keyOf(t: string): string {
  let k = keys.get(t);
  if (k === undefined) {
    k = headerKey(t);
    if (keys.size < 20_000 && t.length < 300) keys.set(t, k);
  }
  return k;
}

/**
 * The fields a header row holds. Per cell: a `Настройки` mapping for its header first, then the catalogue;
 * with an upper row (a header over two rows), the lower cell alone, then both together, then the upper alone
 * when the lower is empty (as headers.ts reads the template's). A field two cells fit goes to the better
 * header, then to the leftmost.
 */
export function matchFields(
  fields: readonly FieldSpec[],
  lower: readonly CellValue[],
  upper: readonly CellValue[] | null,
  overrides: ColumnOverrides | undefined,
): Map<string, FoundColumn> {
  const cat = catalogue(fields);
  const best = new Map<string, FoundColumn & { rank: number }>();
  let title = "";
  const n = Math.max(lower.length, upper?.length ?? 0);
  for (let i = 0; i < n; i++) {
    const low = text(lower[i]).trim();
    const up = upper ? text(upper[i]).trim() : "";
    if (up !== "") title = up;
    const tries = upper === null ? [low] : low === "" ? [up] : [low, `${up || title} ${low}`];
    for (const t of tries) {
      if (t === "") continue;
      const k = keyOf(t);
      const o = overrides?.get(k);
      if (o === IGNORE) break;
      const hit = o !== undefined ? { id: o, rank: -1 } : cat.get(k);
      if (hit === undefined) continue;
      const prev = best.get(hit.id);
      if (!prev || hit.rank < prev.rank) best.set(hit.id, { index: i, header: t, by: o !== undefined ? "settings" : "header", rank: hit.rank });
      break;
    }
  }
  const out = new Map<string, FoundColumn>();
  for (const [id, { index, header, by }] of best) out.set(id, { index, header, by });
  return out;
}

/** The field of a label or header as a `Настройки` row or the pane names it; IGNORE for «не использовать». */
export function fieldOfLabel(fields: readonly FieldSpec[], label: string): string | undefined {
  const k = valueKey(label);
  if (k === valueKey(IGNORE_LABEL) || k === "-" || k === "—") return IGNORE;
  const byLabel = fields.find((f) => valueKey(f.label) === k || f.id === label);
  if (byLabel) return byLabel.id;
  return catalogue(fields).get(headerKey(label))?.id;
}

export function labelOf(fields: readonly FieldSpec[], id: string): string {
  return id === IGNORE ? IGNORE_LABEL : (fields.find((f) => f.id === id)?.label ?? id);
}
