// How many round trips each pane action costs, and that every one stays under Excel on the web's
// 5 MB per request and per response. Below one block of cells the counts do not depend on the
// roster's size; above it, reading costs one more sync per block, because no single response may
// carry more than 5 MB (and 100 000 roster rows are about 29 MB of values and value types).
import { BLOCK_CELLS, BLOCK_ROWS } from "../../src/office/run";
import { createService } from "../../src/office/service";
import { HostError, type SyncStats, type TestHost, createHost, syncStats } from "../../src/testhost";
import { NOW, ROSTER, exampleInput, withRoster } from "./example";

const SIZES = [10, 8_000, 100_000] as const; // 8 000 rows: the roster still fits one block of cells
const ACTIONS = ["check", "highlightIssues", "coverage", "generateReport"] as const;
type Action = (typeof ACTIONS)[number];
const LIMIT = 5_000_000;

const measured = new Map<number, Record<Action, SyncStats> & { marks: number; cells: number }>();
const hosts = new Map<number, TestHost>();

/** Runs the four actions in the order a specialist would, each measured alone. */
async function measure(rows: number): Promise<void> {
  const host = createHost(withRoster(await exampleInput(), rows));
  hosts.set(rows, host);
  const service = createService(host.run, () => NOW);
  const cells = host.sheetNames().reduce((n, s) => {
    const u = host.sheet(s).model.usedRect(true);
    return n + (u ? u.rows * u.cols : 0);
  }, 0);
  const check = await syncStats(host, () => service.check());
  const highlightIssues = await syncStats(host, () => service.highlightIssues());
  const coverage = await syncStats(host, () => service.coverage("2021-Q2"));
  const generateReport = await syncStats(host, () => service.generateReport("2021-Q2", "2021-06-30"));
  measured.set(rows, { check: check.stats, highlightIssues: highlightIssues.stats, coverage: coverage.stats, generateReport: generateReport.stats, marks: highlightIssues.result, cells });
}

beforeAll(async () => {
  for (const rows of SIZES) await measure(rows);
  const line = (rows: number) => {
    const m = measured.get(rows)!;
    const mb = (k: "maxRequestBytes" | "maxResponseBytes") => (Math.max(...ACTIONS.map((a) => m[a][k])) / 1e6).toFixed(2);
    return `| ${rows} | ${m.marks} | ${ACTIONS.map((a) => `${m[a].syncs} / ${m[a].queuedOps}`).join(" | ")} | ${mb("maxRequestBytes")} / ${mb("maxResponseBytes")} MB |`;
  };
  console.log(
    [`| roster rows | issue cells | ${ACTIONS.join(" | ")} (syncs / queued ops) | largest request / response |`, "|---|---|---|---|---|---|---|", ...SIZES.map(line)].join("\n"),
  );
}, 240_000);

test.each(ACTIONS)("%s: the same syncs for 10 and 8 000 rows, at most 6", (action) => {
  const small = measured.get(10)![action];
  expect(measured.get(8_000)![action].syncs).toBe(small.syncs);
  expect(small.syncs).toBeLessThanOrEqual(6);
});

test.each(ACTIONS)("%s: 100 000 rows cost only one more sync per block of cells read, each under 5 MB", (action) => {
  const big = measured.get(100_000)!;
  const extra = big[action].syncs - measured.get(10)![action].syncs;
  expect(extra).toBeGreaterThan(0);
  expect(extra).toBeLessThanOrEqual(Math.ceil(big.cells / BLOCK_CELLS) + 1);
  expect(big[action].maxRequestBytes).toBeLessThan(LIMIT);
  expect(big[action].maxResponseBytes).toBeLessThan(LIMIT);
  for (const s of big[action].log) expect(s.error).toBeUndefined();
});

test("queued operations: reading grows by a few per block; highlighting by four per issue cell", () => {
  const small = measured.get(10)!;
  const big = measured.get(100_000)!;
  expect(big.check.queuedOps - small.check.queuedOps).toBeLessThanOrEqual(2 * Math.ceil(big.cells / BLOCK_CELLS) + 2);
  expect(big.marks).toBeGreaterThan(1000); // the example's share of mistakes, repeated
  expect(big.highlightIssues.queuedOps - big.check.queuedOps).toBeLessThanOrEqual(4 * big.marks + 60);
  // The report holds aggregates: its writes do not follow the roster (only its quality table gains a few groups).
  const writes = (s: SyncStats) => s.opsByKind.set + s.opsByKind.call;
  expect(writes(big.generateReport)).toBeLessThan(1.1 * writes(small.generateReport));
});

test("highlighting again costs two more syncs: the earlier highlights are restored first; clearing costs three", async () => {
  const host = hosts.get(10)!;
  const service = createService(host.run, () => NOW);
  const again = await syncStats(host, () => service.highlightIssues());
  const clear = await syncStats(host, () => service.clearHighlights());
  console.log(`10 rows: highlightIssues again ${again.stats.syncs} / ${again.stats.queuedOps}, clearHighlights ${clear.stats.syncs} / ${clear.stats.queuedOps}`);
  expect(again.stats.syncs).toBe(measured.get(10)!.highlightIssues.syncs + 2);
  expect(clear.stats.syncs).toBe(3);
});

describe("the 5 MB limit is live", () => {
  test("loading 100 000 rows in blocks but in one sync (the adapter before its fix) exceeds the response limit", async () => {
    const host = hosts.get(100_000)!;
    const err = await host
      .run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(ROSTER);
        const used = ws.getUsedRange(true).load("rowCount,columnCount");
        await ctx.sync();
        for (let top = 0; top < used.rowCount; top += BLOCK_ROWS) {
          ws.getRangeByIndexes(top, 0, Math.min(BLOCK_ROWS, used.rowCount - top), used.columnCount).load("values,valueTypes");
        }
        await ctx.sync();
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(host.stats.maxResponseBytes).toBeGreaterThan(5 * LIMIT);
  });

  test("writing 100 000 rows in one request exceeds the request limit; one sync per block passes", async () => {
    const host = hosts.get(100_000)!;
    const rows = host.sheet(ROSTER).values();
    const write = (perSync: number) =>
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject("Копия");
        await ctx.sync();
        const copy = ws.isNullObject ? ctx.workbook.worksheets.add("Копия") : ws;
        for (let top = 0; top < rows.length; top += perSync) {
          copy.getRangeByIndexes(top, 0, Math.min(perSync, rows.length - top), rows[0].length).values = rows.slice(top, top + perSync);
          await ctx.sync();
        }
      });
    const err = await write(rows.length).catch((e: unknown) => e);
    expect((err as HostError).code).toBe("RequestPayloadSizeLimitExceeded");
    await write(BLOCK_ROWS);
    expect(host.sheet("Копия").values("A1:K3")).toEqual(rows.slice(0, 3));
    expect(host.stats.maxRequestBytes).toBeGreaterThan(LIMIT); // the refused one
  }, 120_000);
});

describe("desktop Excel (no 5 MB payload limit)", () => {
  // Windows and Mac Excel do not cap a request's size: the adapter reads every block in one sync, so
  // the round trips of an action do not depend on the roster's size at all.
  const desktop = new Map<number, Record<Action, SyncStats>>();
  beforeAll(async () => {
    for (const rows of [10, 100_000]) {
      const host = createHost(withRoster(await exampleInput(), rows), { limits: null });
      const service = createService(host.run, () => NOW, { payloadLimited: false });
      desktop.set(rows, {
        check: (await syncStats(host, () => service.check())).stats,
        highlightIssues: (await syncStats(host, () => service.highlightIssues())).stats,
        coverage: (await syncStats(host, () => service.coverage("2021-Q2"))).stats,
        generateReport: (await syncStats(host, () => service.generateReport("2021-Q2", "2021-06-30"))).stats,
      });
    }
    const fmt = (rows: number) => `| ${rows} | ${ACTIONS.map((a) => `${desktop.get(rows)![a].syncs} / ${desktop.get(rows)![a].queuedOps}`).join(" | ")} |`;
    console.log([`| roster rows (desktop) | ${ACTIONS.join(" | ")} (syncs / queued ops) |`, "|---|---|---|---|---|", fmt(10), fmt(100_000)].join("\n"));
  }, 240_000);

  test.each(ACTIONS)("%s: the same number of syncs for 10 and 100 000 rows, at most 6", (action) => {
    expect(desktop.get(100_000)![action].syncs).toBe(desktop.get(10)![action].syncs);
    expect(desktop.get(10)![action].syncs).toBeLessThanOrEqual(6);
  });
});
