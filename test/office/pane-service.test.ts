// The pane's service beyond the single actions: progress by stage and rows, the engine behind one
// interface (the worker's protocol gives what in-thread gives), the same data recognised as unchanged,
// a shown suggestion written as text only into a cell that still holds what the check saw, the
// template that keeps the settings the pane shows, and the first-run status.
import { SETTING_LABELS } from "../../src/core/read/settings";
import { type Engine, type EnginePort, type FromWorker, type ToWorker, inThreadEngine, portEngine, workerHandler } from "../../src/engine/engine";
import { createService } from "../../src/office/service";
import { type Progress } from "../../src/pane/service";
import { createHost } from "../../src/testhost";
import { NOW, ROSTER, exampleInput, withRoster } from "./example";

/** The worker's protocol over an in-process channel: every message structured-cloned, as postMessage does. */
function fakeWorker(): Engine {
  const port: EnginePort = { onmessage: null, postMessage: () => undefined };
  const handle = workerHandler((m: FromWorker) => setTimeout(() => port.onmessage?.({ data: structuredClone(m) }), 0));
  port.postMessage = (m: ToWorker) => setTimeout(() => handle(structuredClone(m)), 0);
  return portEngine(port);
}

describe("progress", () => {
  test("reading reports each block of the roster with its row counts, then the engine's stage", async () => {
    const host = createHost(withRoster(await exampleInput(), 30_000));
    const seen: Progress[] = [];
    const r = await createService(host.run, () => NOW, { payloadLimited: true }).check({ onProgress: (p) => seen.push(p) });
    const roster = seen.filter((p): p is Extract<Progress, { stage: "read" }> => p.stage === "read" && p.sheet === ROSTER);
    expect(roster.length).toBeGreaterThanOrEqual(3); // 30 000 rows of 11 columns: four blocks of 100 000 cells
    expect(roster.map((p) => p.done)).toEqual([...roster.map((p) => p.done)].sort((a, b) => a - b));
    expect(roster[roster.length - 1].done).toBe(roster[0].total);
    expect(roster[0].total).toBeGreaterThan(30_000);
    expect(seen[seen.length - 1]).toEqual({ stage: "analyze" });
    expect(r.issues.length).toBeGreaterThan(500);
  });
});

describe("the engine behind one interface", () => {
  test("the worker's protocol (structured clones, jobs, ids) gives exactly what the in-thread engine gives", async () => {
    const input = withRoster(await exampleInput(), 3_000);
    const local = createService(createHost(input).run, () => NOW, { engine: inThreadEngine });
    const worker = createService(createHost(input).run, () => NOW, { engine: fakeWorker() });
    expect(await worker.check()).toEqual(await local.check());
    expect(await worker.coverage("2021-Q2")).toEqual(await local.coverage("2021-Q2"));
    expect(await worker.roadmap("2021-06-30")).toEqual(await local.roadmap("2021-06-30"));
    await expect(worker.coverage("2 квартал 2021")).rejects.toThrow("Период «2 квартал 2021» не распознан: выберите год и квартал");
  });

  test("a check of unchanged data has the same fingerprint; one changed cell changes it", async () => {
    const host = createHost(await exampleInput());
    const service = createService(host.run, () => NOW);
    const a = await service.check();
    const b = await service.check();
    expect(a.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    host.sheet(ROSTER).setValue("A10", "Другая Фамилия Имя");
    expect((await service.check()).fingerprint).not.toBe(a.fingerprint);
  });

  test("issues carry their organization, the cell's text where a fix is offered, and short names of the organizations", async () => {
    const r = await createService(createHost(await exampleInput()).run, () => NOW).check();
    const category = r.issues.find((i) => i.code === "unknown-value")!;
    expect(category).toMatchObject({ suggestion: "Обучающийся", value: "Обучающиеся" });
    expect(typeof category.org).toBe("string");
    expect(r.orgNames?.[category.org!]).toBeTruthy();
    expect(r.rosterRows).toBe(619);
  });
});

describe("«Исправить на «…»»", () => {
  test("writes the suggestion as text into the cell, and only there", async () => {
    const host = createHost(await exampleInput());
    const service = createService(host.run, () => NOW);
    const issue = (await service.check()).issues.find((i) => i.code === "unknown-value")!;
    const before = host.sheet(ROSTER).cell(issue.cell);
    expect(before.value).toBe("Обучающиеся");
    const out = await service.fixCells({ sheet: issue.sheet, cells: [issue.cell], expected: issue.value!, value: issue.suggestion! });
    expect(out).toEqual({ written: [issue.cell], changed: [] });
    const after = host.sheet(ROSTER).cell(issue.cell);
    expect(after).toMatchObject({ value: "Обучающийся", numberFormat: "@", valueType: "String" });
    expect((await service.check()).issues.some((i) => i.cell === issue.cell)).toBe(false);
  });

  test("leaves a cell alone that changed after the check, and says which", async () => {
    const host = createHost(await exampleInput());
    const service = createService(host.run, () => NOW);
    const issue = (await service.check()).issues.find((i) => i.code === "unknown-organization")!;
    host.sheet(ROSTER).setValue(issue.cell, "БЦДО"); // the user fixed it by hand meanwhile
    const out = await service.fixCells({ sheet: issue.sheet, cells: [issue.cell], expected: issue.value!, value: issue.suggestion! });
    expect(out).toEqual({ written: [], changed: [issue.cell] });
    expect(host.sheet(ROSTER).cell(issue.cell).value).toBe("БЦДО");
  });

  test("a suggestion that looks like a formula or a number stays text", async () => {
    const host = createHost({ Лист1: [["x"], ["=СУММ(A1)"]] });
    const service = createService(host.run, () => NOW);
    await service.fixCells({ sheet: "Лист1", cells: ["A2"], expected: "=СУММ(A1)", value: "=1+1" }).catch(() => undefined);
    const out = await service.fixCells({ sheet: "Лист1", cells: ["A1"], expected: "x", value: "0012" });
    expect(out.written).toEqual(["A1"]);
    expect(host.sheet("Лист1").cell("A1")).toMatchObject({ value: "0012", valueType: "String" });
  });
});

describe("first run and settings", () => {
  test("a workbook without the sheets says which are missing; the template makes them", async () => {
    const host = createHost();
    const service = createService(host.run, () => NOW);
    expect((await service.open()).missingSheets).toEqual(["«Организации»", "«Участники»"]);
    const r = await service.check();
    expect(r.problems).toEqual(["В книге нет листов «Организации» и «Участники». Откройте вкладку «Шаблон» и вставьте шаблон, затем вставьте данные."]);
    expect(JSON.stringify(r)).not.toMatch(/mentor-monitor|шаблон\.xlsx/);
    await service.insertTemplate(2021);
    expect((await service.open()).missingSheets).toEqual([]);
  });

  test("inserting the template keeps the period and the as-of date the pane shows (it used to write 2021-Q1)", async () => {
    const host = createHost();
    const service = createService(host.run, () => NOW);
    const shown = await service.loadSettings();
    expect(shown).toMatchObject({ period: "2021-Q2", asOf: "2021-06-30", asOfSet: false });
    await service.insertTemplate(2021, shown);
    expect(await service.loadSettings()).toEqual(shown);
    const labels = host.sheet("Настройки").values("A1:B8");
    expect(labels.find((r) => r[0] === SETTING_LABELS.period)?.[1]).toBe("2021-Q2");
    expect(labels.find((r) => r[0] === SETTING_LABELS.asOf)?.[1]).toBe(""); // not set: it keeps following the period
  });

  test("with no as-of date in the workbook, the as-of date is the period's end, never a day still to come", async () => {
    const host = createHost();
    const service = createService(host.run, () => new Date(Date.UTC(2021, 4, 15, 9)));
    await service.insertTemplate(2021);
    await service.saveSettings({ ...(await service.loadSettings()), period: "2021-Q1", asOfSet: false });
    expect(await service.loadSettings()).toMatchObject({ period: "2021-Q1", asOf: "2021-03-31", asOfSet: false });
    await service.saveSettings({ ...(await service.loadSettings()), period: "2021-Q2", asOfSet: false });
    expect(await service.loadSettings()).toMatchObject({ period: "2021-Q2", asOf: "2021-05-15" });
    await service.saveSettings({ ...(await service.loadSettings()), asOf: "2021-06-01", asOfSet: true });
    expect(await service.loadSettings()).toMatchObject({ period: "2021-Q2", asOf: "2021-06-01", asOfSet: true });
    await expect(service.saveSettings({ ...(await service.loadSettings()), period: "2 квартал 2021" })).rejects.toThrow("выберите год и квартал");
  });
});
