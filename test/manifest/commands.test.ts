// The function file behind «Сформировать свод»: it registers the manifest's FunctionName and always
// tells Office the command finished — Office shows a busy indicator until event.completed() is called.
import type { generateReport as GenerateReport } from "../../src/commands/commands";

jest.mock("../../src/office/service", () => ({ generateReportForCurrentQuarter: jest.fn() }));

const associate = jest.fn();
const onReady = jest.fn((callback: () => void) => callback());
(globalThis as unknown as { Office: unknown }).Office = { onReady, actions: { associate } };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateReport } = require("../../src/commands/commands") as { generateReport: typeof GenerateReport };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const service = require("../../src/office/service") as { generateReportForCurrentQuarter: jest.Mock };

function event() {
  return { completed: jest.fn(), source: { id: "MentorshipMonitor.ReportButton" } } as unknown as Office.AddinCommands.Event & {
    completed: jest.Mock;
  };
}

test("once Office is ready, generateReport is associated with the manifest's FunctionName", () => {
  expect(onReady).toHaveBeenCalledTimes(1);
  expect(associate).toHaveBeenCalledWith("generateReport", generateReport);
});

test("the button builds the report for the current quarter and completes the event", async () => {
  service.generateReportForCurrentQuarter.mockResolvedValueOnce({ sheet: "Свод 2021 Q2" });
  const e = event();
  await generateReport(e);
  expect(service.generateReportForCurrentQuarter).toHaveBeenCalledTimes(1);
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("a failure is written to the console and the event still completes", async () => {
  const error = new Error("нет листа «Участники»");
  service.generateReportForCurrentQuarter.mockRejectedValueOnce(error);
  const log = jest.spyOn(console, "error").mockImplementation(() => {});
  const e = event();
  await expect(generateReport(e)).resolves.toBeUndefined();
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(log).toHaveBeenCalledWith(expect.any(String), error);
  log.mockRestore();
});
