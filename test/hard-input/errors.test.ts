// Formula errors of every kind, typed as values and as the cached results of formulas, in every kind of
// column: each is `formula-error` at its own cell, naming the error, and only its row is excluded.
import ExcelJS from "exceljs";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { COL, MENTOR, analyzeBook, book, issueAt, issueList, mentee } from "./helpers";
import type { Cell, Column } from "./helpers";

// Every error Excel shows in a cell, the classic seven and the newer dynamic-array and data-type ones.
const ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];
// A text column, a list column, a required date, an optional date, the organization code: one each.
const COLUMNS: Column[] = ["fio", "role", "start", "end", "org"];

const asValue = (e: string): Cell => ({ error: e }) as Cell;
const asFormula = (e: string): Cell => ({ formula: "VLOOKUP(A2,Коды!A:B,2,FALSE)", result: { error: e } }) as Cell;

describe.each([
  ["typed as a value", asValue],
  ["as a formula's cached result", asFormula],
])("formula errors %s", (_how, cell) => {
  // Row 2 the mentor, then one row per error, the error in the next column of COLUMNS each time.
  const rows = [MENTOR, ...ERRORS.map((e, i) => mentee(`Участник ${i + 1}`, { [COLUMNS[i % COLUMNS.length]]: cell(e) }))];
  const where = (i: number) => `${COL[COLUMNS[i % COLUMNS.length]]}${i + 3}`;

  it("reports each at its cell as formula-error naming it, and excludes only that row", async () => {
    const { analysis, coverage } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual(ERRORS.map((_e, i) => `formula-error@${where(i)}`));
    ERRORS.forEach((e, i) => {
      const issue = issueAt(analysis, where(i))!;
      expect(issue).toMatchObject({ severity: "error", code: "formula-error" });
      expect(issue.message).toBe(`В ячейке ошибка формулы ${e}`);
    });
    expect(coverage.rows).toEqual({ total: ERRORS.length + 1, counted: 1, outsidePeriod: 0, excluded: ERRORS.length, blank: 0 });
    // A code that is an error names no organization: those rows are excluded without an owner.
    expect(coverage.unattributedExcluded).toBe(ERRORS.filter((_e, i) => COLUMNS[i % COLUMNS.length] === "org").length);
  });
});

it("an error in an organization's number column is formula-error there too", async () => {
  const wb = await book({ rows: [MENTOR] });
  const orgs = wb.getWorksheet("Организации")!;
  orgs.getCell("D3").value = asValue("#DIV/0!"); // Контингент of the second organization
  const { analysis } = await analyzeBook(wb);
  expect(issueList(analysis, "Организации")).toEqual(["formula-error@D3"]);
  expect(analysis.organizations!.records[1].errors).toBe(1);
  expect(ORGANIZATIONS[1].code).toBe(analysis.organizations!.records[1].fields.code);
});

it("a formula without a cached result reads as an empty cell (a file saved without calculation)", async () => {
  const rows = [MENTOR, mentee("Зайцев Илья Олегович", { org: { formula: "VLOOKUP(A3,Коды!A:B,2,FALSE)" } as ExcelJS.CellValue })];
  const { analysis } = await analyzeBook(await book({ rows }));
  expect(issueList(analysis)).toEqual(["missing-value@C3"]);
});
