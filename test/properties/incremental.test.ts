// The live re-check (issue 15) analyses a patched workbook again with what did not change kept: each
// row's read by its place and its array (ReadCache), each row's hash (RowHashes). Whatever rows are
// patched, added or cleared, on the roster or on «Организации», the result must be the very result of a
// fresh analysis of the same cells: issues, records, coverage, the pane's check and its fingerprint.
import fc from "fast-check";
import { analyzeWorkbook } from "../../src/core/analyze";
import { computeCoverage } from "../../src/core/coverage/coverage";
import type { CellValue, SheetInput, WorkbookInput } from "../../src/core/model/cells";
import { ORGANIZATIONS } from "../../src/core/model/columns";
import { parsePeriod } from "../../src/core/model/period";
import { ReadCache } from "../../src/core/read/table";
import { LocalJob } from "../../src/engine/engine";
import { type GeneratedTable, SPECS, rowOf, sheetOf, tableOf, workbookOf } from "./arbitraries";

const Q2 = parsePeriod("2021-Q2")!;
const TODAY = Date.UTC(2021, 5, 30) / 864e5;

/** One change: `rows` (spec order) put from data row `at` on; `total` data rows afterwards (grow or shrink), if given. */
interface Change {
  sheet: "roster" | "orgs";
  at: number;
  rows: CellValue[][];
  total?: number;
}

const NAMES = ["Организация БДЮСШ", "организация пдши", "Бокситогорская детская школа искусств"];

/** Roster rows, some with the organization written by name (a cross-row rule then writes the code over it). */
const rosterRow = rowOf(SPECS.PARTICIPANTS).chain((r) =>
  fc.oneof({ arbitrary: fc.constant(r), weight: 4 }, { arbitrary: fc.constantFrom(...NAMES).map((n) => r.map((v, i) => (i === 2 ? n : v))), weight: 1 }),
);

const change: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.record({ sheet: fc.constant<"roster">("roster"), at: fc.nat(35), rows: fc.array(rosterRow, { minLength: 1, maxLength: 6 }), total: fc.option(fc.nat(40), { nil: undefined }) }), weight: 5 },
  { arbitrary: fc.record({ sheet: fc.constant<"orgs">("orgs"), at: fc.nat(5), rows: fc.array(rowOf(ORGANIZATIONS), { minLength: 1, maxLength: 2 }) }), weight: 1 },
);

/** Where each sheet's data rows start, and how a row in spec order is laid out on it. */
function places(t: GeneratedTable, wb: WorkbookInput) {
  const roster = wb.sheets.findIndex((s) => s.name === t.spec.sheetName);
  const orgs = wb.sheets.findIndex((s) => s.name === ORGANIZATIONS.sheetName);
  return {
    roster: { index: roster, first: t.above + 1, lay: (r: CellValue[]) => t.order.map((i) => r[i]) },
    orgs: { index: orgs, first: 1, lay: (r: CellValue[]) => r.slice(0, ORGANIZATIONS.columns.length) },
  };
}

/** The workbook after a change, as the engine's InputBuilder.patch makes it: changed rows are new arrays, the rest the same. */
function patched(wb: WorkbookInput, sheet: number, at: number, rows: CellValue[][], total?: number): WorkbookInput {
  const s = wb.sheets[sheet];
  const next = (s.rows as CellValue[][]).slice();
  const width = next[0]?.length ?? 0;
  const end = Math.max(total ?? 0, at + rows.length);
  while (next.length < end) next.push(new Array<CellValue>(width).fill(null));
  rows.forEach((r, i) => (next[at + i] = r));
  if (total !== undefined) next.length = total;
  const sheets = wb.sheets.slice();
  sheets[sheet] = { ...s, rows: next } as SheetInput;
  return { ...wb, sheets };
}

const scenario = fc.tuple(tableOf(SPECS.PARTICIPANTS, 30), fc.array(change, { minLength: 1, maxLength: 4 }));

describe("an analysis with the rows of the last one kept", () => {
  it("equals a fresh analysis after any patches: issues, notes, records, persons, coverage", () => {
    let hits = 0;
    fc.assert(
      fc.property(scenario, ([t, changes]) => {
        let wb = workbookOf(t);
        const cache = new ReadCache();
        analyzeWorkbook(wb, { today: TODAY, cache });
        for (const c of changes) {
          const p = places(t, wb)[c.sheet];
          const total = c.total === undefined ? undefined : p.first + c.total;
          wb = patched(wb, p.index, p.first + c.at, c.rows.map(p.lay), total);
          const kept = analyzeWorkbook(wb, { today: TODAY, cache });
          const fresh = analyzeWorkbook(wb, { today: TODAY });
          expect(kept.issues).toEqual(fresh.issues);
          expect(kept.notes).toEqual(fresh.notes);
          expect(kept.personCount).toBe(fresh.personCount);
          expect(kept.participants.map((x) => x.records)).toEqual(fresh.participants.map((x) => x.records));
          expect(kept.participants.map((x) => x.emptyRows)).toEqual(fresh.participants.map((x) => x.emptyRows));
          expect(kept.organizations?.records).toEqual(fresh.organizations?.records);
          expect(computeCoverage(kept, Q2)).toEqual(computeCoverage(fresh, Q2));
          if (kept.participants[0]?.records.length) hits++;
        }
      }),
      { numRuns: 300 },
    );
    expect(hits).toBeGreaterThan(100);
  });

  it("a job patched row by row answers as a job that read the patched workbook: check (with its fingerprint), coverage", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([t, changes]) => {
        let wb = workbookOf(t);
        const job = LocalJob.of(wb);
        await job.run("check", { today: TODAY });
        for (const c of changes) {
          const p = places(t, wb)[c.sheet];
          const total = c.total === undefined ? undefined : p.first + c.total;
          const rows = c.rows.map(p.lay);
          wb = patched(wb, p.index, p.first + c.at, rows, total);
          job.patch(p.index, p.first + c.at, rows, total);
          const fresh = LocalJob.of(wb);
          expect(await job.run("check", { today: TODAY })).toEqual(await fresh.run("check", { today: TODAY }));
          expect(await job.run("coverage", { today: TODAY, period: "2021-Q2" })).toEqual(await fresh.run("coverage", { today: TODAY, period: "2021-Q2" }));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a changed header, lists or date system reads every row again", () => {
    fc.assert(
      fc.property(tableOf(SPECS.PARTICIPANTS, 20), fc.boolean(), (t, date1904) => {
        const wb = workbookOf(t);
        const cache = new ReadCache();
        analyzeWorkbook(wb, { cache });
        // The same row arrays under another header order and in the other date system.
        const s = sheetOf(t);
        const swapped = { ...wb, date1904, sheets: [{ ...s, rows: [...s.rows.slice(0, t.above), [...s.rows[t.above]].reverse(), ...wb.sheets[0].rows.slice(t.above + 1).map((r) => r)] }, ...wb.sheets.slice(1)] };
        const kept = analyzeWorkbook(swapped, { cache });
        const fresh = analyzeWorkbook(swapped);
        expect(kept.issues).toEqual(fresh.issues);
        expect(kept.participants.map((x) => x.records)).toEqual(fresh.participants.map((x) => x.records));
      }),
      { numRuns: 200 },
    );
  });
});
