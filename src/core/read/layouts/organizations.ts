// The organizations of a workbook as districts write them (docs/layouts.md, «Organizations»): the type
// column may be missing or empty — the type then comes from the legal form or kind in the name (МБОУ, СОШ,
// гимназия, лицей → ОО; ДО, ДДТ, ЦДТ, ДЮСШ, ДШИ → ОДО; …), said at the cell as a note — and a workbook
// without `Организации` takes its organizations from its plan table keyed by name.
import { type CellValue, isBlank } from "../../model/cells";
import { ORGANIZATIONS } from "../../model/columns";
import { type LocatedSheet } from "../headers";
import { inferOrgType, shortOrgName } from "../orgname";
import { displayText } from "../readers";
import { cleanText } from "../../model/text";
import { EMPTY_ROW, type SheetView } from "../view";
import type { FoundColumn } from "./fields";
import { type LayoutRead, type PendingNote, describeColumns } from "./result";
import { type TargetsRead, isTotalName } from "./targets";

type Key = (typeof ORGANIZATIONS.columns)[number]["key"];
const KEYS = ORGANIZATIONS.columns.map((c) => c.key) as Key[];

const text = (v: CellValue | undefined) => (v === undefined || v === null ? "" : displayText(v));

/** The header cells of a located sheet as placed columns. */
function foundOf(located: LocatedSheet<Key>): Map<string, FoundColumn> {
  const header = located.sheet.rows[located.headerIndex] ?? [];
  const m = new Map<string, FoundColumn>();
  for (const k of KEYS) {
    const i = located.columnIndex[k];
    if (i !== undefined) m.set(k, { index: i, header: text(header[i]) || ORGANIZATIONS.columns.find((c) => c.key === k)!.header, by: "header" });
  }
  return m;
}

/**
 * `Организации` with the type inferred where its column is missing or a cell of it is empty. A sheet found by
 * its name or table needs no type column. Unchanged when every type is written.
 */
export function readOrganizationsLayout(located: LocatedSheet<Key>): LayoutRead<Key> {
  const { sheet, headerIndex, columnIndex } = located;
  const missing = located.foundBy === "headers" ? located.missing : located.missing.filter((c) => c.key !== "type");
  const found = foundOf(located);
  const firstRow = sheet.firstRow ?? 1;
  const firstCol = sheet.firstColumn ?? 1;
  const typeIdx = columnIndex.type;
  const nameIdx = columnIndex.name;
  const plain = { ...located, missing };
  const columnsOf = (layout: string[]) => describeColumns(sheet, "organizations", headerIndex, found, { layout, missing: missing.map((c) => c.header) });
  if (nameIdx === undefined || missing.length > 0) return { located: plain, notes: [], issues: [], columns: columnsOf([]) };
  const blankType = (r: readonly CellValue[]) => typeIdx === undefined || isBlank(r[typeIdx] ?? null);
  let needed = false;
  for (let i = headerIndex + 1; i < sheet.rows.length && !needed; i++) {
    const r = sheet.rows[i];
    if (r.length > 0 && blankType(r) && !isBlank(r[nameIdx] ?? null)) needed = true;
  }
  if (!needed) return { located: plain, notes: [], issues: [], columns: columnsOf([]) };

  const notes: PendingNote[] = [];
  const rows: (readonly CellValue[])[] = [];
  const rowNumbers: number[] = [];
  const typeHeader = typeIdx === undefined ? "Тип" : (found.get("type")?.header ?? "Тип");
  const nameHeader = found.get("name")!.header;
  const noteCol = firstCol + (typeIdx ?? nameIdx);
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    const rowNo = firstRow + i;
    rowNumbers.push(rowNo);
    if (r.length === 0) {
      rows.push(EMPTY_ROW);
      continue;
    }
    const cells = KEYS.map((k) => (columnIndex[k] === undefined ? null : (r[columnIndex[k]!] ?? null)));
    if (cells.every((v) => isBlank(v))) {
      rows.push(EMPTY_ROW);
      continue;
    }
    const name = text(r[nameIdx]);
    if (blankType(r) && name !== "") {
      const guess = inferOrgType(name);
      if (guess) {
        cells[2] = guess.type;
        notes.push({ row: rowNo, col: noteCol, header: typeHeader, code: "type-inferred", message: `Тип «${guess.type}» определён по названию: ${guess.because}` });
      } else if (typeIdx === undefined) {
        notes.push({ row: rowNo, col: noteCol, header: nameHeader, code: "type-unknown", message: "Тип организации не указан и по названию не определяется: организация не входит в показатели по типу (ОО, ОДО)" });
      }
    }
    rows.push(cells);
  }
  const layout = [typeIdx === undefined ? "столбца «Тип» нет: тип — по названию организации" : "пустой «Тип» — по названию организации"];
  const columnIndexView = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<Key, number>;
  const place = (k: Key) => {
    const i = k === "type" ? (typeIdx ?? nameIdx) : columnIndex[k];
    return i === undefined ? { col: firstCol, header: "" } : { col: firstCol + i, header: k === "type" ? typeHeader : (found.get(k)?.header ?? "") };
  };
  const view: SheetView<Key> = {
    layout,
    rows,
    rowNumbers,
    columnIndex: Object.fromEntries(KEYS.filter((k) => k === "type" || columnIndex[k] !== undefined).map((k) => [k, columnIndexView[k]])),
    dedupe: false,
    recordCells: new WeakMap(),
    locate: (_fields, key) => (key === null ? { col: firstCol, header: "" } : place(key)),
  };
  return { located: { ...plain, view }, notes, issues: [], columns: columnsOf(layout) };
}

/**
 * The organizations of a workbook without `Организации`: the rows of its plans keyed by name (the ИТОГО row
 * aside), each organization's code being its short name. Null when no plan is keyed by name.
 */
export function organizationsFromPlans(plans: readonly TargetsRead[]): LayoutRead<Key> | null {
  const plan = plans.find((p) => p.kind === "by-name" && p.nameColumn !== undefined);
  if (!plan) return null;
  const located = plan.located;
  const { sheet, headerIndex } = located;
  const name = plan.nameColumn!;
  const firstRow = sheet.firstRow ?? 1;
  const firstCol = sheet.firstColumn ?? 1;
  const rows: (readonly CellValue[])[] = [];
  const rowNumbers: number[] = [];
  const notes: PendingNote[] = [];
  let count = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const v = sheet.rows[i]?.[name.index] ?? null;
    const rowNo = firstRow + i;
    rowNumbers.push(rowNo);
    if (isBlank(v) || isTotalName(v) || typeof v !== "string") {
      rows.push(EMPTY_ROW);
      continue;
    }
    const full = cleanText(v);
    const guess = inferOrgType(full);
    rows.push([shortOrgName(full), full, guess?.type ?? null, null, null]);
    count++;
    if (guess) notes.push({ row: rowNo, col: firstCol + name.index, header: name.header, code: "type-inferred", message: `Тип «${guess.type}» определён по названию: ${guess.because}` });
    else notes.push({ row: rowNo, col: firstCol + name.index, header: name.header, code: "type-unknown", message: "Тип организации по названию не определяется: организация не входит в показатели по типу (ОО, ОДО)" });
  }
  if (count === 0) return null;
  notes.unshift({
    row: firstRow + headerIndex,
    col: firstCol + name.index,
    header: name.header,
    code: "organizations-from-plan",
    message: `Листа «Организации» нет: организации (${count}) взяты из таблицы плана на листе «${sheet.name}»; код организации — её краткое название`,
  });
  const view: SheetView<Key> = {
    layout: [`организации из таблицы плана «${sheet.name}»`],
    rows,
    rowNumbers,
    columnIndex: { code: 0, name: 1, type: 2, contingent: 3, youngTeachers: 4 },
    dedupe: false,
    recordCells: new WeakMap(),
    locate: (_f, key) => (key === null ? { col: firstCol, header: "" } : { col: firstCol + name.index, header: name.header }),
  };
  const found = new Map<string, FoundColumn>([["name", name]]);
  return {
    located: { spec: ORGANIZATIONS, sheet, headerIndex, columnIndex: {}, missing: [], foundBy: "headers", view },
    notes,
    issues: [],
    columns: describeColumns(sheet, "organizations", headerIndex, found, { layout: view.layout }),
  };
}
