// Validation on the bundled example (the seed organizations and plan) and on variants of it that carry
// the mistakes of organizations and targets sheets. Every issue is checked at its cell.
import type ExcelJS from "exceljs";
import { ROSTER_HEADER_ROW, rosterRowNumber } from "../scripts/example/workbook";
import { ORGANIZATIONS } from "../scripts/example/boksitogorsk";
import type { Issue } from "../src/core/model/issues";
import { exampleAnalysis, issuesOf } from "./helpers/xlsx";

type Ex = Awaited<ReturnType<typeof exampleAnalysis>>;
let ex: Ex;
beforeAll(async () => {
  ex = await exampleAnalysis();
});

/** The worksheet row of the planted roster row whose note starts with `note`. */
function plantedRow(note: string): number {
  const i = ex.roster.findIndex((r) => r.planted?.startsWith(note));
  if (i < 0) throw new Error(`no planted row «${note}»`);
  return rosterRowNumber(i);
}

const at = (issues: Issue[], row: number) => issues.filter((i) => i.row === row);

describe("participants sheet of the example", () => {
  it("is found below its title row, with shuffled columns, synonyms and an extra column", () => {
    const [p] = ex.analysis.participants;
    expect(p.located.headerIndex + 1).toBe(ROSTER_HEADER_ROW);
    expect(p.located.missing).toEqual([]);
    expect(p.located.columnIndex).toMatchObject({ fio: 0, orgCode: 1, role: 2, form: 3, birthDate: 8 });
    expect(p.emptyRows).toBe(1);
  });

  it.each([
    ["impossible date", "G", "invalid-date", "error"],
    ["unknown organization", "B", "unknown-organization", "error"],
    ["no ФИО", "A", "missing-value", "error"],
    ["formula error", "B", "formula-error", "error"],
    ["the same mentee again", "A", "duplicate-person", "warning"],
    ["end before start", "H", "date-order", "error"],
    ["consent Нет", "J", "no-consent", "warning"],
    ["consent empty", "J", "no-consent", "warning"],
    ["a 7-year-old", "I", "age-out-of-range", "warning"],
    ["form Учитель – учитель", "E", "form-category-mismatch", "warning"],
    ["pair БЦДО-99", "F", "pair-without-mentor", "warning"],
    ["misspelt category", "E", "unknown-value", "error"],
  ])("%s → %s column, %s (%s)", (note, col, code, severity) => {
    const row = plantedRow(note);
    const found = at(ex.analysis.issues, row);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sheet: "Участники", cell: `${col}${row}`, row, code, severity });
    expect(found[0].message).toMatch(/[а-я]/);
  });

  it("suggests the nearest value or code", () => {
    expect(at(ex.analysis.issues, plantedRow("misspelt category"))[0].suggestion).toBe("Обучающийся");
    expect(at(ex.analysis.issues, plantedRow("unknown organization"))[0].suggestion).toBe("БДШИ");
  });

  it("names the earlier row of a duplicate", () => {
    const dup = at(ex.analysis.issues, plantedRow("the same mentee again"))[0];
    const first = ex.roster.findIndex((r) => r.fio === ex.roster.find((x) => x.planted?.startsWith("the same mentee again"))!.fio);
    expect(dup.message).toContain(`строке ${rosterRowNumber(first)}`);
  });

  it.each(["Latin H", "stray hyphen", "date as text", "the same mentee in a second form"])("%s: no issue at all", (note) => {
    expect(at(ex.analysis.issues, plantedRow(note))).toEqual([]);
  });

  it("reads the Latin-H role and the hyphenated form as the canonical values", () => {
    const recs = ex.analysis.participants[0].records;
    expect(recs.find((r) => r.row === plantedRow("Latin H"))!.value!.role).toBe("Наставляемый");
    expect(recs.find((r) => r.row === plantedRow("stray hyphen"))!.value!.form).toBe("Ученик – ученик");
  });

  it("has no issue on the clean generated rows", () => {
    const plantedRows = new Set(ex.roster.map((r, i) => (r.planted ? rosterRowNumber(i) : -1)));
    const roster = ex.analysis.issues.filter((i) => i.sheet === "Участники");
    expect(roster.filter((i) => !plantedRows.has(i.row))).toEqual([]);
  });

  it("never changes a value: the analysis keeps the cell text as written", () => {
    const rec = ex.analysis.participants[0].records.find((r) => r.row === plantedRow("misspelt category"))!;
    expect(rec.value).toBeNull();
    expect(rec.errors).toBe(1);
  });
});

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.getWorksheet(name)!;
}

describe("organizations and targets sheets", () => {
  it("reads a contingent stored as text with a thousands space as a number", () => {
    const rec = ex.analysis.organizations!.records.find((r) => r.fields.code === "ДЮСШП")!;
    expect(rec.value!.contingent).toBe(1350);
  });

  it("duplicate-code on the later organization row, naming the earlier one", async () => {
    const { analysis } = await exampleAnalysis((wb) => {
      sheet(wb, "Организации").getCell("A7").value = "БЦДО"; // row 7 was ЕДМШ
    });
    const [dup] = issuesOf(analysis, "duplicate-code");
    expect(dup).toMatchObject({ sheet: "Организации", cell: "A7", row: 7, severity: "error" });
    expect(dup.message).toContain("строке 3");
  });

  it("unknown-value for an organization type outside the list, invalid-number for a negative contingent", async () => {
    const { analysis } = await exampleAnalysis((wb) => {
      const ws = sheet(wb, "Организации");
      ws.getCell("C2").value = "МБУ";
      ws.getCell("D3").value = -5;
      ws.getCell("E4").value = 2.5;
    });
    expect(issuesOf(analysis, "unknown-value")).toContainEqual(expect.objectContaining({ sheet: "Организации", cell: "C2" }));
    const nums = issuesOf(analysis, "invalid-number").filter((i) => i.sheet === "Организации");
    expect(nums.map((i) => [i.cell, i.severity])).toEqual([["D3", "error"], ["E4", "error"]]);
  });

  it("target-total-mismatch when the six plans do not add up to ИТОГО", async () => {
    const { analysis } = await exampleAnalysis((wb) => {
      sheet(wb, "Целевые показатели").getCell("D2").value = 196; // БДЮСШ: 202 → 196
    });
    const [m] = issuesOf(analysis, "target-total-mismatch");
    expect(m).toMatchObject({ sheet: "Целевые показатели", cell: "D8", row: 8, severity: "error", suggestion: "1250" });
    expect(m.message).toContain("1256");
  });

  it("the seed's plans add up: 202+350+113+480+96+15 = 1256, no mismatch", () => {
    expect(ORGANIZATIONS.reduce((s, o) => s + o.plan, 0)).toBe(1256);
    expect(issuesOf(ex.analysis, "target-total-mismatch")).toEqual([]);
  });

  it("unknown-organization, invalid-number and missing-value in targets", async () => {
    const { analysis } = await exampleAnalysis((wb) => {
      const ws = sheet(wb, "Целевые показатели");
      ws.getCell("A3").value = "БЦД0"; // Latin-free but a zero instead of О
      ws.getCell("C4").value = 2040;
      ws.getCell("D10").value = 135; // 135 %
      ws.getCell("E5").value = null;
    });
    expect(issuesOf(analysis, "unknown-organization")).toContainEqual(expect.objectContaining({ sheet: "Целевые показатели", cell: "A3", suggestion: "БЦДО" }));
    const nums = issuesOf(analysis, "invalid-number").filter((i) => i.sheet === "Целевые показатели");
    expect(nums.map((i) => [i.cell, i.severity])).toEqual([["C4", "error"], ["D10", "error"]]);
    expect(issuesOf(analysis, "missing-value")).toContainEqual(expect.objectContaining({ sheet: "Целевые показатели", cell: "E5", column: "Единица" }));
  });

  it("duplicate-code for the same indicator, year and organization twice", async () => {
    const { analysis } = await exampleAnalysis((wb) => {
      sheet(wb, "Целевые показатели").getCell("A3").value = "БДЮСШ";
    });
    expect(issuesOf(analysis, "duplicate-code")).toContainEqual(expect.objectContaining({ sheet: "Целевые показатели", cell: "A3", row: 3 }));
  });
});

describe("missing columns", () => {
  it("one missing-column issue for the sheet, not one per row, and every row excluded", async () => {
    const { analysis } = await exampleAnalysis((wb) => {
      sheet(wb, "Участники").getCell(`G${ROSTER_HEADER_ROW}`).value = "Начальная дата участия"; // not a synonym
    });
    const missing = issuesOf(analysis, "missing-column");
    expect(missing).toEqual([
      expect.objectContaining({ sheet: "Участники", cell: `A${ROSTER_HEADER_ROW}`, row: ROSTER_HEADER_ROW, column: "Дата начала", severity: "error", code: "missing-column" }),
    ]);
    expect(analysis.participants[0].records.every((r) => r.errors > 0)).toBe(true);
  });
});
