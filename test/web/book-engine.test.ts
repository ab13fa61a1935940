// The standalone page's book engine (src/web/book-engine.ts): the worker's protocol over an in-process
// channel, every message structured-cloned as postMessage does, gives what the in-thread engine gives;
// the read reports its progress; a worker that cannot start leaves the work to the page, and one that
// stops fails every waiting task in words.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { todayDay } from "../../src/core/model/dates";
import { type BookEngine, type BookPort, type FromBookWorker, PART_ITEMS, type ToBookWorker, WORKER_STOPPED, bookWorkerHandler, inParts, inThreadBookEngine, portBookEngine } from "../../src/web/book-engine";
import { createMemoryService } from "../../src/web/port";
import { MemoryWorkbook } from "../../src/web/workbook";
import type { Progress } from "../../src/pane/service";

const ROOT = join(__dirname, "..", "..");
const EXAMPLE = new Uint8Array(readFileSync(join(ROOT, "examples", "boksitogorsk-2021.xlsx")));
const NOW = () => new Date("2021-06-30T09:00:00Z");
const later = (f: () => void) => setTimeout(f, 0);

/** A worker in this process: its handler behind structured clones, started (or not) as asked. */
function fakePort(start: "ready" | "error" | "silent" = "ready"): BookPort & { handle: (m: ToBookWorker) => void; posted: ToBookWorker[] } {
  const port = {
    onmessage: null as BookPort["onmessage"],
    onerror: null as BookPort["onerror"],
    posted: [] as ToBookWorker[],
    handle: (_m: ToBookWorker) => undefined as void,
    postMessage(m: ToBookWorker) {
      port.posted.push(m);
      const copy = structuredClone(m);
      later(() => port.handle(copy));
    },
  };
  port.handle = bookWorkerHandler((m: FromBookWorker) => {
    const copy = structuredClone(m);
    later(() => port.onmessage?.({ data: copy }));
  });
  later(() => (start === "ready" ? port.onmessage?.({ data: { type: "ready" } }) : start === "error" ? port.onerror?.(new Error("refused")) : undefined));
  return port;
}

const serviceOver = (engine: BookEngine) => createMemoryService(new MemoryWorkbook("Бокситогорск.xlsx", EXAMPLE, engine), { now: NOW });

test("over the worker's protocol every tab's result is the in-thread engine's", async () => {
  const local = serviceOver(inThreadBookEngine());
  const worker = serviceOver(portBookEngine(fakePort(), inThreadBookEngine));
  expect(await worker.open()).toEqual(await local.open());
  expect(await worker.check()).toEqual(await local.check());
  expect(await worker.coverage("2021-Q2")).toEqual(await local.coverage("2021-Q2"));
  expect(await worker.roadmap("2021-06-30")).toEqual(await local.roadmap("2021-06-30"));
  expect(await worker.highlightIssues()).toEqual(await local.highlightIssues());
  expect(await worker.generateReport("2021-Q2", "2021-06-30")).toEqual(await local.generateReport("2021-Q2", "2021-06-30"));
});

test("the file is read once per version of the data, with each sheet's progress, and again after a change", async () => {
  const port = fakePort();
  const book = new MemoryWorkbook("Бокситогорск.xlsx", EXAMPLE, portBookEngine(port, inThreadBookEngine));
  const service = createMemoryService(book, { now: NOW });
  const seen: Progress[] = [];
  await service.check({ onProgress: (p) => seen.push(p) });
  await service.coverage("2021-Q2");
  expect(port.posted.filter((m) => m.type === "open")).toHaveLength(1);
  const reads = seen.filter((p): p is Extract<Progress, { stage: "read" }> => p.stage === "read");
  expect(reads.map((p) => p.sheet)).toContain("Участники");
  expect(reads.find((p) => p.sheet === "Участники" && p.done === p.total)).toBeDefined();
  expect(seen[seen.length - 1]).toEqual({ stage: "analyze" });

  const check = await service.check();
  const issue = check.issues.find((i) => i.code === "unknown-organization" && i.suggestion)!;
  await service.fixCells({ sheet: issue.sheet, cells: [issue.cell], expected: String(issue.value ?? ""), value: issue.suggestion! });
  const after = await service.check();
  expect(after.issues.length).toBe(check.issues.length - 1);
  expect(port.posted.filter((m) => m.type === "open")).toHaveLength(2);
  // The first version's copy is let go in the worker.
  expect(port.posted.filter((m) => m.type === "close")).toHaveLength(1);
});

test("a file that cannot be read is one Russian sentence from the worker", async () => {
  const book = new MemoryWorkbook("письмо.docx", new TextEncoder().encode("not a workbook at all"), portBookEngine(fakePort(), inThreadBookEngine));
  await expect(book.load()).rejects.toThrow(/^Файл «письмо\.docx»/);
});

test("a worker that cannot start leaves the work to the page, and says so", async () => {
  const engine = portBookEngine(fakePort("error"), inThreadBookEngine);
  expect(await engine.ready()).toBe("in-thread");
  const r = await serviceOver(engine).check();
  expect(r.errors).toBeGreaterThan(0);
});

test("a worker that never answers is given up after the wait, and the page does the work", async () => {
  const engine = portBookEngine(fakePort("silent"), inThreadBookEngine, 50);
  expect(await engine.ready()).toBe("in-thread");
  expect((await serviceOver(engine).check()).errors).toBeGreaterThan(0);
});

test("a worker that stops fails every waiting task, and the next ones, in words", async () => {
  const port = fakePort();
  const engine = portBookEngine(port, inThreadBookEngine);
  expect(await engine.ready()).toBe("worker");
  const book = new MemoryWorkbook("Бокситогорск.xlsx", EXAMPLE, engine);
  const handle = await book.data();
  port.handle = () => undefined; // the worker is gone: nothing answers
  const waiting = handle.run("check", { today: todayDay(NOW()) });
  port.onerror?.(new Error("out of memory"));
  await expect(waiting).rejects.toThrow(WORKER_STOPPED);
  await expect(handle.run("status", { today: todayDay(NOW()) })).rejects.toThrow(WORKER_STOPPED);
});

test("a long list in a result crosses in slices, each read in a task of its own, and arrives whole", async () => {
  const issues = Array.from({ length: PART_ITEMS * 2 + 7 }, (_, i) => ({ cell: `A${i + 2}`, code: "missing-value" }));
  const { rest, parts } = inParts({ issues, errors: 3 });
  expect(rest).toEqual({ issues: [], errors: 3 });
  expect(parts.map((p) => [p.key, p.items.length])).toEqual([["issues", PART_ITEMS], ["issues", PART_ITEMS], ["issues", 7]]);
  expect(inParts(issues).parts.map((p) => p.key)).toEqual([null, null, null]);
  expect(inParts({ issues: issues.slice(0, 10) }).parts).toEqual([]);

  // A worker that answers a task with the slices, then the rest, each a message of its own.
  const port: BookPort = { onmessage: null, onerror: null, postMessage: () => undefined };
  const send = (m: FromBookWorker) => later(() => port.onmessage?.({ data: structuredClone(m) }));
  port.postMessage = (m: ToBookWorker) => {
    if (m.type === "open") send({ type: "done", id: m.id, result: { format: "xlsx", sheets: [] }, ms: 1 });
    if (m.type === "run") {
      const answer = inParts({ issues, errors: 3 });
      for (const p of answer.parts) send({ type: "part", id: m.id, ...p });
      send({ type: "done", id: m.id, result: answer.rest, ms: 1 });
    }
  };
  later(() => port.onmessage?.({ data: { type: "ready" } }));
  const handle = await portBookEngine(port, inThreadBookEngine).open(new Uint8Array(1), "x.xlsx");
  expect(await handle.run("check", { today: 0 })).toEqual({ issues, errors: 3 });
});

test("a book without the monitoring sheets is told to download the empty template, not to insert one", async () => {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Лист1").addRow(["что-то своё"]);
  const service = createMemoryService(new MemoryWorkbook("своё.xlsx", new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)), { now: NOW });
  const check = await service.check();
  expect(check.problems).toHaveLength(1);
  expect(check.problems[0]).toMatch(/^В книге нет листов «Организации» и «Участники»\. Скачайте пустой шаблон \(кнопка «Скачать пустой шаблон» вверху страницы\), перенесите в него данные и откройте заполненный шаблон здесь\.$/);
  const coverage = await service.coverage("2021-Q2");
  expect("problem" in coverage && coverage.problem).toMatch(/Скачайте пустой шаблон/);
  await expect(service.generateReport("2021-Q2", "2021-06-30")).rejects.toThrow(/Скачайте пустой шаблон/);
  expect((await service.open()).missingSheets).toEqual(["«Организации»", "«Участники»"]);
});
