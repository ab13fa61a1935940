// Every roster row is accounted for: counted, outside the period, or excluded with an error on its row;
// blank rows are skipped (inside the data) or trail after it; the parts add up to the rows under the header.
// And a bad cell on `Организации` or `Целевые показатели` costs only what depends on it: no organization
// with a readable code disappears, and its roster rows count exactly as with a clean row.
import fc from "fast-check";
import { type WorkbookAnalysis, analyzeWorkbook, isExcluded } from "../../src/core/analyze";
import { type CellValue, type WorkbookInput, isBlank } from "../../src/core/model/cells";
import { type CoverageResult, computeCoverage } from "../../src/core/coverage/coverage";
import { parsePeriod } from "../../src/core/model/period";
import { valueKey } from "../../src/core/model/text";
import { type GeneratedTable, SPECS, sheetOf, tableOf, workbookOf } from "./arbitraries";

const periods = fc.constantFrom("2021-Q1", "2021-Q2", "2021-Q4", "2020-Q3").map((p) => parsePeriod(p)!);

/** The accounting identities every coverage result must satisfy, whatever the input. */
function expectAccounted(a: WorkbookAnalysis, c: CoverageResult): void {
  const r = c.rows;
  expect(r.counted + r.outsidePeriod + r.excluded + r.blank).toBe(r.total);
  expect(r.total).toBe(a.participants.reduce((s, p) => s + p.records.length + p.emptyRows, 0));
  expect(r.blank).toBe(a.participants.reduce((s, p) => s + p.emptyRows, 0));
  expect(c.excludedBy.rowErrors + c.excludedBy.missingColumn).toBe(r.excluded);
  expect(c.organizations.reduce((s, o) => s + o.excludedRows, 0) + c.unattributedExcluded).toBe(r.excluded);
  expect(c.total.excludedRows).toBe(r.excluded);
  expect(c.total.covered).toBe(c.organizations.reduce((s, o) => s + o.covered, 0));
  expect(c.total.covered).toBeLessThanOrEqual(r.counted);
  const excluded = a.participants.reduce((s, p) => s + p.records.filter(isExcluded).length, 0);
  expect(r.excluded).toBe(excluded);
}

it("counted + outside the period + excluded + blank = total = the rows under the header, up to the last filled", () => {
  const seen = { counted: 0, outside: 0, excluded: 0, blank: 0 };
  fc.assert(
    fc.property(tableOf(SPECS.PARTICIPANTS, 40), periods, (t, period) => {
      const wb = workbookOf(t);
      const a = analyzeWorkbook(wb);
      const c = computeCoverage(a, period);
      const [p] = a.participants;
      expect(p.located.headerIndex).toBe(t.above);
      const known = Object.values(p.located.columnIndex) as number[];
      const blank = (r: readonly CellValue[]) => known.every((i) => isBlank(r[i] ?? null));
      const data = wb.sheets[0].rows.slice(t.above + 1);
      let trailing = 0;
      while (trailing < data.length && blank(data[data.length - 1 - trailing])) trailing++;

      expect(p.records.length + p.emptyRows + trailing).toBe(data.length);
      expect(c.rows.total).toBe(data.length - trailing);
      expect(p.records.map((r) => r.row)).toEqual(data.flatMap((r, i) => (blank(r) ? [] : [t.above + 2 + i])));
      expectAccounted(a, c);
      expect(c.excludedBy.missingColumn).toBe(0);
      for (const rec of p.records) {
        const errors = a.issues.filter((i) => i.sheet === wb.sheets[0].name && i.row === rec.row && i.severity === "error");
        // Excluded exactly when the row has an error, and the error says so at the row's own cells.
        expect(errors.length > 0).toBe(isExcluded(rec));
      }
      seen.counted += c.rows.counted;
      seen.outside += c.rows.outsidePeriod;
      seen.excluded += c.rows.excluded;
      seen.blank += c.rows.blank;
    }),
    { numRuns: 400 },
  );
  // The generator reaches every outcome, so the sum above is not vacuous.
  for (const n of Object.values(seen)) expect(n).toBeGreaterThan(20);
});

// Random organizations, targets and roster together: the organizations' codes, names, types and numbers
// are mostly plausible, sometimes anything (a formula error, «560 чел.», «—», a wrong type, a blank).
const district = fc.record({
  orgs: tableOf(SPECS.ORGANIZATIONS, 8),
  targets: tableOf(SPECS.TARGETS, 10),
  roster: tableOf(SPECS.PARTICIPANTS, 30),
});
type District = { orgs: GeneratedTable; targets: GeneratedTable; roster: GeneratedTable };

const bookOf = (d: District, orgRows = d.orgs.rows, targetRows = d.targets.rows): WorkbookInput => ({
  sheets: [sheetOf(d.roster), sheetOf(d.orgs, orgRows), sheetOf(d.targets, targetRows)],
});

/** Keys of the readable codes on `Организации`, in the order of their first rows. */
function readableCodes(a: WorkbookAnalysis): string[] {
  const keys: string[] = [];
  for (const rec of a.organizations?.records ?? []) {
    const code = rec.fields.code;
    if (typeof code === "string" && code !== "" && !keys.includes(valueKey(code))) keys.push(valueKey(code));
  }
  return keys;
}

/** What an organization's roster rows give it: everything coverage counts from the roster. */
const fromRoster = (c: CoverageResult) =>
  c.organizations.map((o) => ({
    key: valueKey(o.code), covered: o.covered, mentors: o.mentors, pairs: o.pairs, excludedRows: o.excludedRows,
    byForm: o.byForm, youngTeachersCovered: o.youngTeachersCovered,
  }));

it("no organization with a readable code disappears, whatever else its row holds; the accounting still adds up", () => {
  let badOrgRows = 0;
  fc.assert(
    fc.property(district, periods, (d, period) => {
      const a = analyzeWorkbook(bookOf(d));
      const c = computeCoverage(a, period);
      expectAccounted(a, c);
      expect(c.organizations.map((o) => valueKey(o.code))).toEqual(readableCodes(a));
      expect(c.orgRowsWithoutCode).toEqual(a.organizations!.records.filter((r) => typeof r.fields.code !== "string" || r.fields.code === "").map((r) => r.row));
      // A counted roster row always belongs to one of them: its code is one of theirs.
      const keys = new Set(readableCodes(a));
      for (const rec of a.participants[0].records) if (!isExcluded(rec)) expect(keys.has(valueKey(rec.value!.orgCode))).toBe(true);
      const sheet = a.organizations!.located.sheet.name;
      for (const o of c.organizations) {
        const at = (col: string) => a.issues.some((i) => i.sheet === sheet && i.row === o.row && i.column === col && i.severity === "error");
        if (at("Контингент")) expect([o.contingent, o.share]).toEqual([null, null]);
        if (at("Молодых педагогов")) expect(o.youngTeachers).toBeNull();
        if (at("Тип")) expect(o.type).toBeNull();
        if (o.contingent === null) expect(o.share).toBeNull();
        if (at("Контингент") || at("Тип") || at("Молодых педагогов") || at("Организация")) badOrgRows++;
      }
      for (const o of c.organizations) if (o.percentOfTarget !== null) expect(Number.isFinite(o.percentOfTarget)).toBe(true);
      for (const f of c.indicators) if (f.fact !== null) expect(Number.isFinite(f.fact)).toBe(true);
    }),
    { numRuns: 300 },
  );
  expect(badOrgRows).toBeGreaterThan(20); // the generator does put bad cells on kept organizations
});

it("repairing every bad cell but the code on `Организации` changes nothing the roster gives", () => {
  fc.assert(
    fc.property(district, (d) => {
      const a1 = analyzeWorkbook(bookOf(d));
      // The same code cell as written; every other cell of the row replaced by a valid one.
      const repaired = d.orgs.rows.map((row) => [...row]);
      const above = d.orgs.above;
      for (const rec of a1.organizations!.records) {
        const code = rec.fields.code;
        if (typeof code !== "string" || code === "") continue;
        const row = repaired[rec.row - above - 2];
        row.splice(1, 4, "Организация", "ОДО", 500, 5);
      }
      const a2 = analyzeWorkbook(bookOf(d, repaired));
      const period = parsePeriod("2021-Q2")!;
      const c1 = computeCoverage(a1, period);
      const c2 = computeCoverage(a2, period);
      expect(fromRoster(c1)).toEqual(fromRoster(c2));
      expect(c1.rows).toEqual(c2.rows);
      expect(c1.unattributedExcluded).toBe(c2.unattributedExcluded);
      const rosterIssues = (a: WorkbookAnalysis) => a.issues.filter((i) => i.sheet === d.roster.spec.sheetName);
      // Where and what every issue is stays; only the words of an unknown organization's issue may differ,
      // since they name the nearest organizations by their names (a roster may write names instead of codes).
      const byName = (i: { code: string }) => i.code === "unknown-organization" || i.code === "ambiguous-organization";
      const where = (a: WorkbookAnalysis) => rosterIssues(a).map((i) => (byName(i) ? { cell: i.cell, code: i.code, severity: i.severity } : i));
      expect(where(a1)).toEqual(where(a2));
      // Each organization's plans come from the targets alone.
      expect(c1.organizations.map((o) => o.target)).toEqual(c2.organizations.map((o) => o.target));
    }),
    { numRuns: 200 },
  );
});

it("a target row with an error loses that target only: removing such rows changes no plan", () => {
  let lost = 0;
  fc.assert(
    fc.property(district, (d) => {
      const a1 = analyzeWorkbook(bookOf(d));
      const above = d.targets.above;
      const bad = new Set(a1.targets!.records.filter((r) => r.errors > 0 || r.value === null).map((r) => r.row - above - 2));
      lost += bad.size;
      const a2 = analyzeWorkbook(bookOf(d, d.orgs.rows, d.targets.rows.filter((_r, i) => !bad.has(i))));
      const period = parsePeriod("2021-Q2")!;
      const c1 = computeCoverage(a1, period);
      const c2 = computeCoverage(a2, period);
      expect(c1.organizations.map((o) => [o.code, o.target, o.status])).toEqual(c2.organizations.map((o) => [o.code, o.target, o.status]));
      const plans = (c: CoverageResult) => c.indicators.filter((f) => f.orgCode !== null).map((f) => [f.code, f.orgCode, f.plan]);
      expect(plans(c1)).toEqual(plans(c2));
      expectAccounted(a1, c1);
    }),
    { numRuns: 200 },
  );
  expect(lost).toBeGreaterThan(20);
});
