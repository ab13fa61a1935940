// Writes the monitoring template (core/template.ts) into an ExcelJS workbook: Excel tables,
// drop-down lists, date and number rules, formats. A school that types into it sees Excel's own checks.
import ExcelJS from "exceljs";
import { type InputRule, TEMPLATE_ROWS, type TemplateModel, type TemplateSheet } from "../core/template";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };

export function validationOf(rule: InputRule): ExcelJS.DataValidation {
  const common = { allowBlank: true, showInputMessage: true, prompt: rule.prompt, showErrorMessage: true };
  switch (rule.kind) {
    case "list":
      return { ...common, type: "list", formulae: [rule.source], errorTitle: "Значение не из списка", error: "Выберите значение из списка" };
    case "date":
      return { ...common, type: "date", operator: "between", formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2100, 11, 31))], errorTitle: "Неверная дата", error: "Введите дату в формате ДД.ММ.ГГГГ" };
    case "whole":
      return rule.max === undefined
        ? { ...common, type: "whole", operator: "greaterThanOrEqual", formulae: [rule.min], errorTitle: "Неверное число", error: rule.prompt }
        : { ...common, type: "whole", operator: "between", formulae: [rule.min, rule.max], errorTitle: "Неверное число", error: rule.prompt };
    case "decimal":
      return { ...common, type: "decimal", operator: "greaterThanOrEqual", formulae: [rule.min], errorTitle: "Неверное число", error: rule.prompt };
  }
}

function addDataSheet(wb: ExcelJS.Workbook, s: TemplateSheet): void {
  const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = s.columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  // An Excel table needs at least one row; an empty one is skipped by the validator.
  ws.addTable({
    name: s.tableName,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: s.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: [s.columns.map(() => null)],
  });
  ws.getRow(1).font = { bold: true };
  s.columns.forEach((c, i) => {
    if (!c.rule) return;
    const dv = validationOf(c.rule);
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) ws.getCell(r, i + 1).dataValidation = dv;
  });
}

export function writeTemplate(wb: ExcelJS.Workbook, model: TemplateModel): void {
  for (const s of model.dataSheets) addDataSheet(wb, s);
  const lists = wb.addWorksheet(model.lists.name);
  model.lists.columns.forEach((c, i) => {
    lists.getCell(1, i + 1).value = c.header;
    lists.getCell(1, i + 1).font = { bold: true };
    lists.getCell(1, i + 1).fill = HEADER_FILL;
    lists.getColumn(i + 1).width = Math.max(14, ...c.values.map((v) => v.length + 2));
    c.values.forEach((v, r) => (lists.getCell(r + 2, i + 1).value = v));
  });
  const settings = wb.addWorksheet(model.settings.name);
  settings.columns = [{ width: 40 }, { width: 30 }];
  model.settings.rows.forEach((r, i) => settings.addRow([...r]).font = i === 0 ? { bold: true } : {});
}
