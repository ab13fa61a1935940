// Inserts or repairs the monitoring template (core/template/template.ts) in the open workbook: Excel tables,
// drop-down lists and date/number rules, so a school that types into it sees Excel's own checks.
// Existing sheets keep their data; only their input rules are (re)applied. Texts are written as text
// ("@" first). Three syncs.
import type { TemplateOutcome } from "../pane/port";
import { cellAddress, columnLetter } from "../core/model/cells";
import { SHEET_SPECS } from "../core/model/columns";
import { findHeader } from "../core/read/headers";
import { type InputRule, TEMPLATE_ROWS, type TemplateModel } from "../core/template/template";
import { cellOf } from "./read";

const HEADER_SCAN = 10;

export function ruleOf(rule: InputRule): Excel.DataValidationRule {
  switch (rule.kind) {
    case "list":
      return { list: { inCellDropDown: true, source: `=${rule.source}` } };
    case "date":
      return { date: { formula1: "1900-01-01", formula2: "2100-12-31", operator: "Between" } };
    case "whole":
      return rule.max === undefined
        ? { wholeNumber: { formula1: rule.min, operator: "GreaterThanOrEqualTo" } }
        : { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "decimal":
      return { decimal: { formula1: rule.min, operator: "GreaterThanOrEqualTo" } };
  }
}

function applyRule(range: Excel.Range, rule: InputRule): void {
  const dv = range.dataValidation;
  dv.clear();
  // The prompt goes before the rule (Office applies them in this order reliably).
  dv.prompt = { showPrompt: true, title: "Подсказка", message: rule.prompt };
  dv.errorAlert = { showAlert: true, style: "Stop", title: "Неверное значение", message: rule.prompt };
  dv.rule = ruleOf(rule);
}

/**
 * Writes a block of a new sheet so that Excel keeps every text as text: the text format "@" goes on
 * each non-empty string's cell first, in the same batch, or Excel would take «=1+1», «+7 …», «-»,
 * «2021-09-01», «TRUE», «50%», «007» for formulas, dates, booleans and numbers (Excel.Range.values).
 * Other cells keep General, the format of a new sheet.
 */
function writeCells(range: Excel.Range, rows: readonly (readonly (string | number)[])[]): void {
  range.numberFormat = rows.map((r) => r.map((v) => (typeof v === "string" && v !== "" ? "@" : "General")));
  range.values = rows.map((r) => [...r]);
}

export async function insertTemplate(ctx: Excel.RequestContext, model: TemplateModel): Promise<TemplateOutcome> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  const existing = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s]));

  // Header rows of the sheets that exist, to repair their rules without touching their data.
  const heads = model.dataSheets.map((s) => {
    const ws = existing.get(s.name.toLowerCase());
    if (!ws) return null;
    const r = ws.getRangeByIndexes(0, 0, HEADER_SCAN, Math.max(26, s.columns.length + 10));
    r.load("values,valueTypes");
    return r;
  });
  await ctx.sync();

  const created: string[] = [];
  const repaired: string[] = [];
  // «Справочники» first: the data sheets' drop-downs refer to it, and a rule whose source names a sheet
  // that does not exist yet (later in the same batch) is nothing to rely on in Excel.
  let lists: Excel.Worksheet | null = null;
  if (!existing.has(model.lists.name.toLowerCase())) {
    lists = sheets.add(model.lists.name);
    const height = 1 + Math.max(...model.lists.columns.map((c) => c.values.length));
    const grid = Array.from({ length: height }, (_, r) => model.lists.columns.map((c) => (r === 0 ? c.header : c.values[r - 1] ?? "")));
    writeCells(lists.getRangeByIndexes(0, 0, height, model.lists.columns.length), grid);
    lists.getRange(`A1:${cellAddress(1, model.lists.columns.length)}`).format.font.bold = true;
  }
  model.dataSheets.forEach((s, i) => {
    const head = heads[i];
    if (head) {
      const spec = SHEET_SPECS.find((x) => x.sheetName === s.name)!;
      const rows = head.values.map((r, ri) => r.map((v, ci) => cellOf(v as string, head.valueTypes[ri][ci])));
      const found = findHeader(spec, { name: s.name, rows }, true);
      if (!found) return;
      const ws = existing.get(s.name.toLowerCase())!;
      spec.columns.forEach((c, ci) => {
        const idx = found.columnIndex[c.key as keyof typeof found.columnIndex] as number | undefined;
        const rule = s.columns[ci].rule;
        if (idx === undefined || !rule) return;
        applyRule(ws.getRangeByIndexes(found.headerIndex + 1, idx, TEMPLATE_ROWS, 1), rule);
      });
      repaired.push(s.name);
      return;
    }
    const ws = sheets.add(s.name);
    const last = columnLetter(s.columns.length);
    writeCells(ws.getRange(`A1:${last}1`), [s.columns.map((c) => c.header)]);
    const table = ws.tables.add(`A1:${last}2`, true);
    table.name = s.tableName;
    table.style = "TableStyleMedium2";
    s.columns.forEach((c, ci) => {
      const col = ws.getRangeByIndexes(1, ci, TEMPLATE_ROWS, 1);
      if (c.numFmt) col.numberFormat = Array.from({ length: TEMPLATE_ROWS }, () => [c.numFmt!]);
      if (c.rule) applyRule(col, c.rule);
      ws.getRangeByIndexes(0, ci, 1, 1).format.columnWidth = c.width * 7;
    });
    ws.freezePanes.freezeRows(1);
    created.push(s.name);
  });

  if (lists) {
    // Made first, shown after the data sheets, where the user expects the lists.
    lists.position = sheets.items.length + created.length;
    created.push(model.lists.name);
  }
  if (!existing.has(model.settings.name.toLowerCase())) {
    const ws = sheets.add(model.settings.name);
    const rows = model.settings.rows.map((r) => [...r]);
    writeCells(ws.getRangeByIndexes(0, 0, rows.length, 2), rows);
    ws.getRange("A1:B1").format.font.bold = true;
    created.push(model.settings.name);
  }
  await ctx.sync();
  return { created, repaired };
}
