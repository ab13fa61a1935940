// The function file behind «Сформировать свод»: it registers the manifest's FunctionName, shows the
// outcome in the add-in's own dialog page (success with the sheet and the number of organizations;
// failure with the reason and what to do), and always tells Office the command finished — but only
// once the dialog is closed, since event.completed() lets Office close the function file and its dialog.
import type * as Commands from "../../src/commands/commands";
import { MAX_TEXT, type Outcome, organizations, outcomeOf } from "../../src/commands/outcome";

jest.mock("../../src/office/service", () => ({ generateReportForCurrentQuarter: jest.fn() }));

const PAGE = "https://addins.example.org/mentorship/commands.html?_host_Info=Excel$Win32$16.01$ru-RU";

type Handler = (arg: unknown) => void;
interface FakeDialog {
  url: string;
  options: Record<string, unknown>;
  handlers: Map<string, Handler>;
  close: jest.Mock;
}

/** Office's script as the function file sees it: onReady, actions, the dialog API and its enums. */
const office = {
  onReady: jest.fn((callback: () => void) => callback()),
  actions: { associate: jest.fn() },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
  context: {
    requirements: { isSetSupported: jest.fn((name: string) => name === "DialogApi") },
    ui: { displayDialogAsync: jest.fn() },
  },
};
(globalThis as unknown as { Office: unknown }).Office = office;
(globalThis as unknown as { location: unknown }).location = { href: PAGE };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateReport, showOutcome } = require("../../src/commands/commands") as typeof Commands;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const service = require("../../src/office/service") as { generateReportForCurrentQuarter: jest.Mock };

let dialogs: FakeDialog[] = [];
/** displayDialogAsync opens a dialog (or fails with `error`) and calls back as Office does, asynchronously. */
function opening(error?: { code: number; message: string }) {
  office.context.ui.displayDialogAsync.mockImplementation((url: string, options: Record<string, unknown>, callback: (r: unknown) => void) => {
    const dialog: FakeDialog = { url, options, handlers: new Map(), close: jest.fn() };
    setTimeout(() => {
      if (error) return callback({ status: "failed", error });
      dialogs.push(dialog);
      callback({ status: "succeeded", value: { addEventHandler: (t: string, h: Handler) => dialog.handlers.set(t, h), close: dialog.close } });
    }, 0);
  });
}

function event() {
  return { completed: jest.fn(), source: { id: "MentorshipMonitor.ReportButton" } } as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
}

/** Until the command has opened its dialog (the outcome comes after the service's promise, at any speed). */
const opened = async () => {
  while (dialogs.length === 0) await new Promise((r) => setTimeout(r, 5));
};
/** What the dialog page will show: the outcome its address carries. */
const shown = (d: FakeDialog): Outcome | null => outcomeOf(new URL(d.url).search);

beforeEach(() => {
  dialogs = [];
  opening();
  service.generateReportForCurrentQuarter.mockReset();
  jest.spyOn(console, "error").mockImplementation(() => {});
  jest.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => jest.restoreAllMocks());

test("once Office is ready, generateReport is associated with the manifest's FunctionName", () => {
  expect(office.onReady).toHaveBeenCalledTimes(1);
  expect(office.actions.associate).toHaveBeenCalledWith("generateReport", generateReport);
});

test("success: the dialog page of the add-in's own folder says which sheet and how many organizations; completed once it is closed", async () => {
  service.generateReportForCurrentQuarter.mockResolvedValueOnce({ sheet: "Свод 2021 Q2", organizations: 6 });
  const e = event();
  const done = generateReport(e);
  await opened();
  expect(dialogs).toHaveLength(1);
  const [d] = dialogs;
  const url = new URL(d.url);
  expect(`${url.origin}${url.pathname}`).toBe("https://addins.example.org/mentorship/dialog.html");
  expect([...url.searchParams.keys()]).toEqual(["kind", "text"]); // nothing but the words to show
  expect(shown(d)).toEqual({ kind: "success", text: "Свод «Свод 2021 Q2» сформирован: 6 организаций, лист добавлен.", hint: "" });
  expect(d.options).toMatchObject({ displayInIframe: true });
  expect(e.completed).not.toHaveBeenCalled(); // the dialog would close with the function file
  d.handlers.get("dialogMessageReceived")!({ message: "close" }); // «Закрыть»
  await done;
  expect(d.close).toHaveBeenCalledTimes(1);
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("a service that does not count organizations yet still gets a correct sentence", async () => {
  service.generateReportForCurrentQuarter.mockResolvedValueOnce({ sheet: "Свод 2021 Q2" });
  const e = event();
  const done = generateReport(e);
  await opened();
  expect(shown(dialogs[0])!.text).toBe("Свод «Свод 2021 Q2» сформирован, лист добавлен.");
  dialogs[0].handlers.get("dialogEventReceived")!({ error: 12006 });
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("failure: the reason in Russian and what to do; the window's × completes the command", async () => {
  const reason = "В книге «текущая книга» нет листа «Участники» (ни по имени таблицы, ни по имени листа, ни по заголовкам).";
  service.generateReportForCurrentQuarter.mockRejectedValueOnce(new Error(reason));
  const e = event();
  const done = generateReport(e);
  await opened();
  const o = shown(dialogs[0])!;
  expect(o.kind).toBe("error");
  expect(o.text).toBe(`Свод не сформирован. ${reason}`);
  expect(o.hint).toMatch(/^Откройте панель «Мониторинг наставничества».*вкладке «Проверка»/);
  expect(console.error).toHaveBeenCalledWith(expect.any(String), expect.any(Error));
  dialogs[0].handlers.get("dialogEventReceived")!({ error: 12006 }); // closed with ×
  await done;
  expect(dialogs[0].close).not.toHaveBeenCalled();
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test.each([
  ["AccessDenied", /защищена или открыта только для чтения/, /Защитить книгу/],
  ["ApiNotFound", /ExcelApi 1\.9/, /Microsoft 365 или Excel 2021/],
  ["GeneralException", /Excel ответил ошибкой GeneralException/, /ещё раз/],
])("an Excel error %s is explained, not shown as code only", async (code, text, hint) => {
  service.generateReportForCurrentQuarter.mockRejectedValueOnce(Object.assign(new Error("The operation failed."), { code }));
  const e = event();
  const done = generateReport(e);
  await opened();
  expect(shown(dialogs[0])).toEqual({ kind: "error", text: expect.stringMatching(text), hint: expect.stringMatching(hint) });
  dialogs[0].handlers.get("dialogMessageReceived")!({ message: "close" });
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("an internal error (English, from a bug) is called that, and a long text is cut", async () => {
  service.generateReportForCurrentQuarter.mockRejectedValueOnce(new TypeError(`Cannot read properties of undefined ${"x".repeat(900)}`));
  const e = event();
  const done = generateReport(e);
  await opened();
  const o = shown(dialogs[0])!;
  expect(o.text).toMatch(/^Свод не сформирован из-за внутренней ошибки надстройки: Cannot read properties/);
  expect(o.text.length).toBeLessThanOrEqual(MAX_TEXT);
  expect(o.text.endsWith("…")).toBe(true);
  dialogs[0].handlers.get("dialogEventReceived")!({ error: 12006 });
  await done;
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("a dialog that cannot open, a host without the dialog API, a throwing Office: the command still completes", async () => {
  opening({ code: 12007, message: "A dialog box is already opened" });
  service.generateReportForCurrentQuarter.mockResolvedValue({ sheet: "Свод 2021 Q2", organizations: 6 });
  const e1 = event();
  await generateReport(e1);
  expect(e1.completed).toHaveBeenCalledTimes(1);
  expect(console.error).toHaveBeenCalledWith(expect.stringContaining("окно с результатом не открылось (12007"));

  office.context.requirements.isSetSupported.mockReturnValueOnce(false);
  const e2 = event();
  await generateReport(e2);
  expect(e2.completed).toHaveBeenCalledTimes(1);
  expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("Свод «Свод 2021 Q2» сформирован"));

  office.context.ui.displayDialogAsync.mockImplementationOnce(() => {
    throw new Error("internal error of Office");
  });
  const e3 = event();
  await generateReport(e3);
  expect(e3.completed).toHaveBeenCalledTimes(1);
});

test("a dialog nobody closes is closed after the timeout, and the command completes", async () => {
  const how = showOutcome({ kind: "success", text: "Свод «Свод 2021 Q2» сформирован, лист добавлен.", hint: "" }, PAGE, 20);
  await expect(how).resolves.toBe("timeout");
  expect(dialogs[0].close).toHaveBeenCalledTimes(1);
});

test("organizations are counted the Russian way", () => {
  expect([1, 2, 4, 5, 6, 11, 12, 14, 21, 22, 25, 101, 111, 12345].map(organizations)).toEqual([
    "1 организация",
    "2 организации",
    "4 организации",
    "5 организаций",
    "6 организаций",
    "11 организаций",
    "12 организаций",
    "14 организаций",
    "21 организация",
    "22 организации",
    "25 организаций",
    "101 организация",
    "111 организаций",
    "12\u00a0345 организаций",
  ]);
});

test("the dialog page reads only well-formed outcomes from its address", () => {
  expect(outcomeOf("?kind=success&text=%D0%93%D0%BE%D1%82%D0%BE%D0%B2%D0%BE&_host_Info=Excel")).toEqual({ kind: "success", text: "Готово", hint: "" });
  expect(outcomeOf("?kind=<script>&text=x")).toBeNull();
  expect(outcomeOf("?kind=error")).toBeNull();
  expect(outcomeOf("")).toBeNull();
});
