// Watching and the live re-check (issue 15): a district of 20 000 roster rows on the test host, checked;
// then a user pastes 500 rows below (with mistakes and a person already on the roster). The watcher
// reports one change for the paste; the re-check reads only those rows in one sync and its issues are
// those of a full check of the workbook as it now is. The add-in's own writes (highlights, a fix, the
// remarks sheet) report nothing.
import { makeDistrict } from "../../scripts/bench/district";
import { makeBenchRoster } from "../../scripts/bench/roster";
import { INDICATORS } from "../../src/core/model/dictionaries";
import { PALETTE } from "../../src/core/report/layout";
import type { RosterRow } from "../../scripts/example/roster";
import { type SheetChange, coalesce, rowsOfAddress } from "../../src/office/watch";
import { createService } from "../../src/office/service";
import { type CheckResult, type MonitorService } from "../../src/pane/service";
import { type TestHost, createHost, syncStats } from "../../src/testhost";

const NOW = new Date(Date.UTC(2021, 5, 30, 9, 0));
const ROWS = 20_000;
const PASTED = 500;
const ROSTER = "Участники";
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rowOf = (r: RosterRow) => [r.fio, r.birthDate, r.orgCode, r.role, r.category, r.form, r.pair, r.start, r.end, r.consent].map((v) => v ?? null);

/** The template with a district pasted under its headers, as a specialist would fill it. */
async function district(): Promise<{ host: TestHost; service: MonitorService; extra: RosterRow[] }> {
  const host = createHost(undefined, { limits: null });
  const service = createService(host.run, () => NOW);
  await service.insertTemplate(2021);
  const orgs = makeDistrict(ROWS);
  const roster = makeBenchRoster(orgs, ROWS + PASTED);
  const count = INDICATORS["students-count"].name;
  host.sheet("Организации").paste("A2", orgs.map((o) => [o.code, o.name, "ОО", o.contingent, o.youngTeachers]));
  host.sheet("Целевые показатели").paste("A2", [...orgs.map((o) => [o.code, count, 2021, o.plan, "чел.", "бенчмарк"]), ["ИТОГО", count, 2021, orgs.reduce((s, o) => s + o.plan, 0), "чел.", "бенчмарк"]]);
  host.sheet(ROSTER).paste("A2", roster.slice(0, ROWS).map(rowOf));
  const extra = roster.slice(ROWS);
  // Cross-row cases in the paste: a person already on the roster (row 10) and a bad date.
  extra[100] = { ...roster[8] };
  extra[200] = { ...extra[200], start: "31.02.2021" };
  return { host, service, extra };
}

/** A check of the workbook as it is now, by a service that never saw it before. */
const fullCheck = (host: TestHost) => createService(host.run, () => NOW).check();
const comparable = (r: CheckResult) => ({ issues: r.issues, errors: r.errors, warnings: r.warnings, fingerprint: r.fingerprint, rosterRows: r.rosterRows });

describe("coalescing the events", () => {
  test("addresses give their rows; whole columns give none", () => {
    expect(rowsOfAddress("A20002:J20501")).toEqual({ first: 20001, last: 20500 });
    expect(rowsOfAddress("C7")).toEqual({ first: 6, last: 6 });
    expect(rowsOfAddress("'Участники'!$B$3:$B$4")).toEqual({ first: 2, last: 3 });
    expect(rowsOfAddress("3:5")).toEqual({ first: 2, last: 4 });
    expect(rowsOfAddress("A:C")).toBeNull();
  });

  test("events of one sheet merge into spans; a whole-column change makes it all rows", () => {
    const out = coalesce([
      { sheet: ROSTER, address: "C7" },
      { sheet: ROSTER, address: "C8" },
      { sheet: "Организации", address: "B2" },
      { sheet: ROSTER, address: "A100:J120" },
      { sheet: ROSTER, address: "D9" },
      { sheet: "Целевые показатели", address: "D:D" },
    ]);
    expect(out).toEqual([
      { sheet: ROSTER, rows: [{ first: 6, last: 8 }, { first: 99, last: 119 }], addresses: ["C7", "C8", "A100:J120", "D9"] },
      { sheet: "Организации", rows: [{ first: 1, last: 1 }], addresses: ["B2"] },
      { sheet: "Целевые показатели", rows: "all", addresses: ["D:D"] },
    ]);
  });
});

interface Watched {
  host: TestHost;
  service: MonitorService;
  /** The 500 rows a test pastes below the roster. */
  extra: RosterRow[];
  /** What the watcher reported, in order. */
  heard: (readonly SheetChange[])[];
  /** Until the host is settled and past the watcher's 300 ms debounce. */
  quiet(): Promise<void>;
}

/** A district for one describe block, watched from its beforeAll (checked first when `checked`) until its afterAll. */
function watchedDistrict(checked: boolean): Watched {
  const w = { heard: [] } as unknown as Watched;
  let stop: (() => void) | undefined;
  beforeAll(async () => {
    Object.assign(w, await district());
    if (checked) await w.service.check();
    stop = await w.service.watch((c) => w.heard.push(c));
  }, 120_000);
  afterAll(() => stop?.());
  w.quiet = async () => {
    await w.host.settle();
    await wait(450);
  };
  return w;
}

describe("a 20 000-row roster, watched", () => {
  const w = watchedDistrict(true);

  test("a paste of 500 rows is one change; the re-check reads them in one sync and finds what a full check finds", async () => {
    w.heard.length = 0;
    w.host.sheet(ROSTER).paste(`A${ROWS + 2}`, w.extra.map(rowOf));
    await w.quiet();
    expect(w.heard).toEqual([[{ sheet: ROSTER, rows: [{ first: ROWS + 1, last: ROWS + PASTED }], addresses: [`A${ROWS + 2}:J${ROWS + PASTED + 1}`] }]]);
    const t0 = performance.now();
    const { result, stats } = await syncStats(w.host, () => w.service.recheck(w.heard[0]));
    const ms = performance.now() - t0;
    expect(stats.syncs).toBeLessThanOrEqual(3);
    expect(stats.syncs).toBe(1);
    const full = await fullCheck(w.host);
    expect(comparable(result!)).toEqual(comparable(full));
    expect(result!.rosterRows).toBe(ROWS + PASTED);
    // The pasted mistakes are there, at their cells: the bad date and the person entered twice.
    expect(result!.issues.some((i) => i.sheet === ROSTER && i.cell === `H${ROWS + 2 + 200}` && i.code === "invalid-date")).toBe(true);
    expect(result!.issues.some((i) => i.sheet === ROSTER && i.code === "duplicate-person" && Number(i.cell.slice(1)) === ROWS + 2 + 100)).toBe(true);
    console.log(`live re-check of ${PASTED} pasted rows into ${ROWS}: ${stats.syncs} sync(s), ${Math.round(ms)} ms (in-thread, read and full analysis)`);
  }, 60_000);

  test("an edit in the middle and a cleared last row: each re-check equals a full check", async () => {
    w.heard.length = 0;
    w.host.sheet(ROSTER).setValue("C12", "НЕТ-ТАКОЙ");
    w.host.sheet(ROSTER).setValue("D13", "Наставница");
    await w.quiet();
    expect(w.heard).toHaveLength(1); // two quick edits, one report
    expect(w.heard[0][0].rows).toEqual([{ first: 11, last: 12 }]);
    const a = await syncStats(w.host, () => w.service.recheck(w.heard[0]));
    expect(a.stats.syncs).toBe(1);
    expect(comparable(a.result!)).toEqual(comparable(await fullCheck(w.host)));
    expect(a.result!.issues.some((i) => i.cell === "C12")).toBe(true);

    w.heard.length = 0;
    const last = ROWS + PASTED + 1;
    w.host.sheet(ROSTER).paste(`A${last}`, [Array(10).fill(null)]);
    await w.quiet();
    const b = await syncStats(w.host, () => w.service.recheck(w.heard[0]));
    expect(b.stats.syncs).toBe(1);
    expect(b.result!.rosterRows).toBe(ROWS + PASTED - 1);
    expect(comparable(b.result!)).toEqual(comparable(await fullCheck(w.host)));
  }, 60_000);

  test("a change the patch cannot place (whole columns, a new sheet) is checked by reading everything again", async () => {
    const r = await w.service.recheck([{ sheet: ROSTER, rows: "all", addresses: ["C:C"] }]);
    expect(comparable(r!)).toEqual(comparable(await fullCheck(w.host)));
    const s = await w.service.recheck([{ sheet: "Новый лист", rows: [{ first: 0, last: 0 }], addresses: ["A1"] }]);
    expect(comparable(s!)).toEqual(comparable(await fullCheck(w.host)));
  }, 60_000);

  test("the add-in's own writes report nothing: highlights, clearing them, a fix, the remarks sheet", async () => {
    w.heard.length = 0;
    const marked = await w.service.highlightIssues();
    expect(marked).toBeGreaterThan(100);
    await w.service.clearHighlights();
    const check = await w.service.check();
    const fixable = check.issues.find((i) => i.code === "unknown-value" && i.suggestion && i.value !== undefined);
    expect(fixable).toBeDefined();
    const fix = await w.service.fixCells({ sheet: fixable!.sheet, cells: [fixable!.cell], expected: fixable!.value!, value: fixable!.suggestion! });
    expect(fix.written).toEqual([fixable!.cell]);
    await w.service.exportRemarks();
    await w.quiet();
    expect(w.heard).toEqual([]);
    // …while a user's edit at the same time is still heard.
    w.host.sheet(ROSTER).setValue("A5", "Петров Пётр Петрович");
    await w.quiet();
    expect(w.heard).toEqual([[{ sheet: ROSTER, rows: [{ first: 4, last: 4 }], addresses: ["A5"] }]]);
  }, 120_000);

  test("a service with no check has nothing to re-check; stopping removes the handler", async () => {
    const fresh = createService(w.host.run, () => NOW);
    expect(await fresh.recheck([{ sheet: ROSTER, rows: [{ first: 4, last: 4 }], addresses: ["A5"] }])).toBeNull();
    const before = w.host.handlerCount();
    const got: unknown[] = [];
    const off = await fresh.watch((c) => got.push(c));
    expect(w.host.handlerCount()).toBe(before + 1);
    off();
    await wait(10);
    expect(w.host.handlerCount()).toBe(before);
    w.host.sheet(ROSTER).setValue("A6", "Сидорова Анна Ивановна");
    await w.quiet();
    expect(got).toEqual([]);
  }, 30_000);
});

describe("highlights follow a live re-check (issue 15)", () => {
  const RED = `#${PALETTE.tones.red.fill}`;
  const AMBER = `#${PALETTE.tones.amber.fill}`;
  const BLUE = "#00B0F0";
  const w = watchedDistrict(false);
  /** Every cell of the roster with a fill, and its fill. */
  const fills = () => {
    const s = w.host.sheet(ROSTER);
    const out = new Map<string, unknown>();
    for (let r = 1; r <= ROWS + PASTED + 2; r++) for (const col of "ABCDEFGHIJ") if (s.cell(`${col}${r}`).fill) out.set(`${col}${r}`, s.cell(`${col}${r}`).fill);
    return out;
  };
  /** The issue cells of a check and their tone, as «Подсветить» colours them (a cell's last issue wins). */
  const tones = (r: CheckResult) => new Map(r.issues.filter((i) => i.sheet === ROSTER).map((i) => [i.cell, i.severity === "error" ? RED : AMBER]));

  test("a fixed cell gets its fill back, a new issue cell and pasted rows' issue cells are coloured, in three syncs at most; clearing still restores every fill", async () => {
    // The user's own fills: one on a cell that will get an issue, one on an issue cell that will be fixed.
    w.host.sheet(ROSTER).setFill("C12", BLUE);
    const first = await w.service.check();
    const fixed = first.issues.find((i) => i.sheet === ROSTER && i.code === "invalid-date")!;
    w.host.sheet(ROSTER).setFill(fixed.cell, BLUE);
    await w.quiet();
    const mine = fills();
    expect(await w.service.highlightIssues()).toBeGreaterThan(100);
    expect(w.host.sheet(ROSTER).cell(fixed.cell).fill?.color).toBe(RED);
    await w.quiet();
    w.heard.length = 0;

    w.host.sheet(ROSTER).setValue(fixed.cell, "01.03.2021"); // fixed
    w.host.sheet(ROSTER).setValue("C12", "НЕТ-ТАКОЙ"); // a new issue on a cell with the user's fill
    w.host.sheet(ROSTER).paste(`A${ROWS + 2}`, w.extra.map(rowOf)); // 500 rows with their own mistakes
    await w.quiet();
    expect(w.heard).toHaveLength(1);
    const { result, stats } = await syncStats(w.host, () => w.service.recheck(w.heard[0]));
    expect(stats.syncs).toBeLessThanOrEqual(3);
    expect(result!.highlightsChanged).toBeGreaterThan(2);
    console.log(`live re-check with highlights on: ${stats.syncs} syncs, ${result!.highlightsChanged} cells recoloured`);

    // Exactly the issue cells of the re-check are coloured, each in its tone; every other cell has the user's fill or none.
    const want = tones(result!);
    const now = fills();
    for (const [cell, color] of want) expect([cell, (now.get(cell) as { color: string }).color]).toEqual([cell, color]);
    for (const [cell, fill] of now) if (!want.has(cell)) expect([cell, fill]).toEqual([cell, mine.get(cell)]);
    expect(w.host.sheet(ROSTER).cell(fixed.cell).fill).toEqual({ color: BLUE, pattern: "Solid" });
    expect(w.host.sheet(ROSTER).cell("C12").fill?.color).toBe(RED);
    expect(want.has(`H${ROWS + 2 + 200}`)).toBe(true); // the pasted bad date

    // Our writes raised no re-check of their own.
    await w.quiet();
    expect(w.heard).toHaveLength(1);

    // «Убрать подсветку» gives back every fill, the user's blue on C12 included.
    await w.service.clearHighlights();
    expect(fills()).toEqual(mine);
  }, 120_000);

  test("with no highlights, a re-check reads the changed rows only: one sync, no store", async () => {
    w.heard.length = 0;
    w.host.sheet(ROSTER).setValue("D14", "Наставница");
    await w.quiet();
    const { result, stats } = await syncStats(w.host, () => w.service.recheck(w.heard[0]));
    expect(stats.syncs).toBe(1);
    expect(result!.highlightsChanged).toBeUndefined();
    expect(w.host.hasSheet("ММ_Выделение")).toBe(false);
  }, 60_000);
});
