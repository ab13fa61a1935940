// The built task pane in Debian's Chromium, with the Excel test host in place of Office: a district
// specialist's session from an empty workbook to the Свод on the bundled example, at 320 px, with a
// screenshot of each pane. The 20 000-row district, accessibility, first run and fixes have files of
// their own next to this one (pane-*.test.ts).
import type { Page } from "playwright-core";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { makeRoster } from "../../scripts/example/roster";
import { schoolSet } from "../../scripts/example/schools";
import { EXAMPLE, type PaneSession, openTab, panel, pasteDistrict, shot, startPane } from "./pane-kit";

let pane: PaneSession;

beforeAll(async () => {
  pane = await startPane();
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

describe("the task pane on the Excel test host", () => {
  let page: Page;
  const roster = makeRoster(ORGANIZATIONS);

  beforeAll(async () => {
    page = await pane.open();
  }, 60_000);

  it("opens an empty workbook on «Шаблон», inserts the template, and saves the settings into the workbook", async () => {
    await page.getByRole("tab", { name: "Шаблон", selected: true }).waitFor();
    const p = panel(page, "Шаблон");
    await p.getByRole("button", { name: "Вставить шаблон" }).click();
    await p.getByText(/Созданы листы: Организации, Целевые показатели, Участники, Дорожная карта/).waitFor();
    const sheets = await page.evaluate(() => window.__MM_TEST__!.sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(["Организации", "Целевые показатели", "Участники", "Дорожная карта", "Справочники", "Настройки"]));
    await p.getByLabel("Муниципалитет").fill("Бокситогорский муниципальный район");
    await p.locator("#settings-year").selectOption("2021");
    await p.locator("#settings-quarter").selectOption("2");
    await p.getByLabel("Дата отчёта").fill("2021-06-30");
    await p.getByRole("button", { name: "Сохранить в книге" }).click();
    await p.getByText("Настройки сохранены").waitFor();
    expect(await page.evaluate(() => window.__MM_TEST__!.cellValue("Настройки", "B4"))).toBe("2021-Q2");
    await shot(page, "template");
  });

  it("checks a pasted roster with mistakes and shows every issue in plain words, school by school", async () => {
    await pasteDistrict(page, EXAMPLE.orgs, roster, EXAMPLE.total);
    await openTab(page, "Проверка");
    const p = panel(page, "Проверка");
    await p.getByRole("button", { name: "Проверить книгу" }).click();
    await p.getByText("Ошибки: 6").waitFor();
    await expect(p.getByText("Предупреждения: 7").count()).resolves.toBe(1);
    // The outcome is at the top, with its time; the issue names are Russian, the codes secondary.
    await p.getByText("Проверка завершена: 6 ошибок, 7 предупреждений.").waitFor();
    await p.getByText("обновлено в 09:00").waitFor();
    const list = p.locator("[data-issue-list]");
    await list.getByText("Неверная дата").first().waitFor();
    await list.getByText("код invalid-date").first().waitFor();
    await expect(p.getByText("#N/A").count()).resolves.toBe(0);
    await p.getByLabel("Замечание", { exact: true }).selectOption("formula-error");
    await p.getByText("В ячейке ошибка формулы #Н/Д").waitFor();
    await p.getByLabel("Замечание", { exact: true }).selectOption("");
    await shot(page, "check");
  });

  it("a click on an issue selects its cell in the sheet", async () => {
    const i = roster.findIndex((r) => r.planted?.startsWith("impossible date"));
    const cell = `H${i + 2}`; // Дата начала is column H of the template; row 1 is the header
    const p = panel(page, "Проверка");
    await p.getByLabel("Замечание", { exact: true }).selectOption("invalid-date");
    await p.getByRole("button", { name: `Перейти к ячейке ${cell} на листе «Участники»` }).click();
    await page.waitForFunction((c) => window.__MM_TEST__!.selection()?.address === c, cell);
    expect(await page.evaluate(() => window.__MM_TEST__!.selection())).toEqual({ sheet: "Участники", address: cell });
    expect(await page.evaluate(() => window.__MM_TEST__!.activeSheet())).toBe("Участники");
    await p.getByLabel("Замечание", { exact: true }).selectOption("");
  });

  it("highlights the issue cells and clears the highlights again", async () => {
    const p = panel(page, "Проверка");
    await p.getByRole("button", { name: "Подсветить", exact: true }).click();
    await p.getByText(/Подсвечено ячеек: 13\./).waitFor();
    await p.getByRole("button", { name: "Убрать подсветку" }).click();
    await p.getByText(/Подсветка убрана, прежняя заливка возвращена: 13 ячеек\./).waitFor();
  });

  it("shows coverage per organization against the plan, with status badges and the plan mark", async () => {
    await openTab(page, "Охват");
    const p = panel(page, "Охват");
    await p.getByRole("button", { name: "Рассчитать охват" }).click();
    await p.getByText("Итого по муниципалитету").waitFor();
    await expect(p.getByText(/Охвачено: \d+ из 1256 · \d+,\d % плана/).count()).resolves.toBe(1);
    await expect(p.locator("[data-coverage-row]").count()).resolves.toBe(7);
    await expect(p.locator("[data-plan-mark]").count()).resolves.toBe(7);
    await expect(p.getByText(/%\s*%/).count()).resolves.toBe(0); // no doubled percent sign
    await shot(page, "coverage");
  });

  it("lists overdue roadmap items first, with days overdue on one line", async () => {
    await openTab(page, "Сроки");
    const p = panel(page, "Сроки");
    await p.getByRole("button", { name: "Проверить сроки" }).click();
    await p.getByText("просрочено на 107\u00a0дней", { exact: false }).waitFor();
    await shot(page, "roadmap");
    // Three overdue rows and one done row, six columns each, coloured and then restored.
    await p.getByRole("button", { name: "Подсветить", exact: true }).click();
    await p.getByText("Подсвечено ячеек: 24.").waitFor();
    const fill = await page.evaluate(() => window.__MM_TEST__!.host.sheet("Дорожная карта").cell("B4").fill);
    expect(fill?.color.toUpperCase()).toBe("#F8CBAD");
    await p.getByRole("button", { name: "Убрать подсветку" }).click();
    await p.getByText(/прежняя заливка возвращена: 24 ячейки\./).waitFor();
    expect(await page.evaluate(() => window.__MM_TEST__!.host.sheet("Дорожная карта").cell("B4").fill)).toBeNull();
  });

  it("generates the Свод sheet in one click and activates it", async () => {
    await openTab(page, "Свод");
    const p = panel(page, "Свод");
    await p.getByRole("button", { name: "Сформировать свод" }).click();
    await p.getByText("Лист «Свод 2021 Q2» сформирован и открыт.").waitFor();
    expect(await page.evaluate(() => window.__MM_TEST__!.activeSheet())).toBe("Свод 2021 Q2");
    await shot(page, "report");
  });

  it("imports school files picked in the pane, after a preview, and shows the re-check on «Проверка»", async () => {
    const set = schoolSet();
    const file = async (name: "bdyussh.xlsx" | "dyusshp.xlsx") => ({
      name,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from((await set[name].xlsx.writeBuffer()) as ArrayBuffer),
    });
    await openTab(page, "Импорт");
    const p = panel(page, "Импорт");
    await p.getByLabel("Выбрать файлы школ").setInputFiles([await file("bdyussh.xlsx"), await file("dyusshp.xlsx")]);
    await p.getByRole("button", { name: "Проверить файлы" }).click();
    await p.getByText(/прочитано 15, будет добавлено 15, заменит прежних 0, не войдёт 0/).waitFor();
    await p.getByText(/Организаций нет в списке района: ДЮСШ-П/).waitFor();
    await p.getByRole("button", { name: "Подтвердить импорт" }).click();
    await p.getByText(/Импорт выполнен: добавлено строк — \d+/).waitFor();
    await shot(page, "import");
    const added = set.rows.clean.length + set.rows.withMistakes.length - 2;
    const last = roster.length + 1 + added; // header on row 1, the pasted roster, then the imported rows
    expect(await page.evaluate((a) => window.__MM_TEST__!.cellValue("Участники", a), `K${last}`)).toMatch(/^dyusshp\.xlsx, стр\. \d+$/);
    // The import's re-check is the check tab's result now.
    await openTab(page, "Проверка");
    await panel(page, "Проверка").getByText(/Книга проверена заново после импорта\./).waitFor();
  });

  it("keeps each tab's result for the session: leaving a tab does not forget it", async () => {
    await openTab(page, "Охват");
    await panel(page, "Охват").getByText("Итого по муниципалитету").waitFor();
    await openTab(page, "Сроки");
    await panel(page, "Сроки").getByText("просрочено на 107\u00a0дней", { exact: false }).waitFor();
  });

  it("never reaches the network beyond its own origin and Office's script, breaks no CSP rule, and throws nothing", () => {
    expect(pane.outside).toEqual([]);
    expect(pane.csp).toEqual([]);
    expect(pane.errors).toEqual([]);
  });
});

describe("language", () => {
  it("speaks English when Office's display language is English", async () => {
    const page = await pane.open({ lang: "en-US" });
    await expect(page.getByRole("tab", { name: "Coverage" }).count()).resolves.toBe(1);
    await page.getByRole("heading", { name: "Mentorship Monitor" }).waitFor();
    await page.close();
  });
});
