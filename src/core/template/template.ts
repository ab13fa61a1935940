// The monitoring template as data: which sheets, columns, drop-down sources and input rules.
// Both the .xlsx writer and the Office.js adapter build the same template from this description.
import { type ColumnSpec, ORGANIZATIONS, PARTICIPANTS, ROADMAP, type SheetSpec, TARGETS } from "../model/columns";
import { columnLetter } from "../model/cells";
import { DEFAULT_DICTIONARIES, DICTIONARIES_SHEET, DICTIONARY_HEADERS, type ListName } from "../model/dictionaries";
import { SETTINGS_SHEET, SETTING_LABELS } from "../read/settings";

/** Rows prepared with input rules below each header. */
export const TEMPLATE_ROWS = 500;

export type InputRule =
  | { kind: "list"; source: string; prompt: string }
  | { kind: "date"; prompt: string }
  | { kind: "whole"; min: number; max?: number; prompt: string }
  | { kind: "decimal"; min: number; prompt: string };

export interface TemplateColumn {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
  readonly rule?: InputRule;
}

export interface TemplateSheet {
  readonly name: string;
  readonly tableName: string;
  readonly columns: readonly TemplateColumn[];
}

export interface TemplateModel {
  readonly dataSheets: readonly TemplateSheet[];
  readonly lists: { readonly name: string; readonly columns: { header: string; values: readonly string[] }[] };
  readonly settings: { readonly name: string; readonly rows: readonly [string, string | number][] };
}

export const DATE_FORMAT = "dd.mm.yyyy";
const LIST_ORDER = Object.keys(DICTIONARY_HEADERS) as ListName[];

function listSource(list: ListName): string {
  const col = columnLetter(LIST_ORDER.indexOf(list) + 1);
  const n = DEFAULT_DICTIONARIES[list].length;
  return `'${DICTIONARIES_SHEET}'!$${col}$2:$${col}$${n + 1}`;
}

function ruleOf(spec: SheetSpec, c: ColumnSpec): InputRule | undefined {
  switch (c.type.kind) {
    case "list":
      return { kind: "list", source: listSource(c.type.list), prompt: "Выберите значение из списка" };
    case "date":
      return { kind: "date", prompt: "Дата в формате ДД.ММ.ГГГГ" };
    case "number":
      if (spec.kind === "targets" && c.key === "year") return { kind: "whole", min: 2019, max: 2035, prompt: "Год от 2019 до 2035" };
      if (spec.kind === "targets") return { kind: "decimal", min: 0, prompt: "Число не меньше 0; для % — от 0 до 100" };
      return { kind: "whole", min: 0, prompt: "Целое число не меньше 0" };
    default:
      return undefined;
  }
}

function sheetOf(spec: SheetSpec): TemplateSheet {
  return {
    name: spec.sheetName,
    tableName: spec.tableName,
    columns: spec.columns.map((c) => ({
      header: c.header,
      width: c.width ?? 14,
      numFmt: c.type.kind === "date" ? DATE_FORMAT : c.type.kind === "number" ? "0" : undefined,
      rule: ruleOf(spec, c),
    })),
  };
}

export function templateModel(year: number): TemplateModel {
  return {
    dataSheets: [ORGANIZATIONS, TARGETS, PARTICIPANTS, ROADMAP].map(sheetOf),
    lists: {
      name: DICTIONARIES_SHEET,
      columns: LIST_ORDER.map((l) => ({ header: DICTIONARY_HEADERS[l], values: DEFAULT_DICTIONARIES[l] })),
    },
    settings: {
      name: SETTINGS_SHEET,
      rows: [
        ["Параметр", "Значение"],
        [SETTING_LABELS.municipality, ""],
        [SETTING_LABELS.planYear, year],
        [SETTING_LABELS.period, `${year}-Q1`],
        [SETTING_LABELS.asOf, ""],
        [SETTING_LABELS.dueSoonDays, 14],
        [SETTING_LABELS.minMenteeAge, 10],
      ],
    },
  };
}
