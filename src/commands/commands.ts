// The ribbon button «Сформировать свод» (manifest.xml: ExecuteFunction, FunctionName generateReport):
// builds the Свод sheet for the workbook's reporting period without opening the task pane, then shows
// the outcome in a small dialog of the add-in's own (dialog.html): an ExecuteFunction command has no UI
// of its own, and the Office dialog API is the documented way to show one from a function file, in
// desktop Excel and on the web alike (docs/addin-build.md, «The ribbon command's outcome»).
import { config } from "zod";
import { generateReportForCurrentQuarter } from "../office/service";
import { type Outcome, dialogUrl, reportDone, reportFailed } from "./outcome";

// The page's CSP forbids eval, so zod cannot compile parsers anyway; jitless stops it from probing
// `new Function` once, which the browser would report as a CSP violation.
config({ jitless: true });

/** How long the outcome stays up when nobody closes it; then the command finishes anyway. */
export const DIALOG_TIMEOUT_MS = 5 * 60_000;

export type Shown = "closed" | "timeout" | "failed" | "unsupported";

/**
 * Opens dialog.html with the outcome and resolves when the user has closed it (its «Закрыть» or the
 * window's ×), when it could not be opened, or after DIALOG_TIMEOUT_MS. Never rejects.
 */
export function showOutcome(outcome: Outcome, pageUrl: string = location.href, timeoutMs = DIALOG_TIMEOUT_MS): Promise<Shown> {
  const ui = typeof Office === "undefined" ? undefined : Office.context?.ui;
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  if (!ui?.displayDialogAsync || (requirements && !requirements.isSetSupported("DialogApi", "1.1"))) {
    console.warn(`«Сформировать свод»: ${outcome.text} ${outcome.hint}`);
    return Promise.resolve("unsupported");
  }
  return new Promise<Shown>((resolve) => {
    let settled = false;
    const done = (how: Shown) => {
      if (settled) return;
      settled = true;
      resolve(how);
    };
    // displayInIframe: on the web a floating frame in Excel's page rather than a pop-up window, which a
    // browser may block since it opens seconds after the click; ignored by desktop Excel.
    ui.displayDialogAsync(dialogUrl(pageUrl, outcome), { height: 32, width: 36, displayInIframe: true }, (result) => {
      if (result.status === Office.AsyncResultStatus.Failed) {
        console.error(`«Сформировать свод»: окно с результатом не открылось (${result.error?.code} ${result.error?.message}). ${outcome.text}`);
        done("failed");
        return;
      }
      const dialog = result.value;
      const timer = setTimeout(() => {
        dialog.close();
        done("timeout");
      }, timeoutMs);
      // «Закрыть» in the page sends a message; the window's × raises DialogEventReceived (12006).
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        clearTimeout(timer);
        dialog.close();
        done("closed");
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
        clearTimeout(timer);
        done("closed");
      });
    });
  });
}

/**
 * Builds the report, shows how it went, and only then tells Office the command has finished:
 * event.completed() lets Office close the function file — and with it the dialog it opened
 * (AddinCommands.Event.completed: «…has completed processing and will automatically be closed»).
 * Always called, also when anything above failed.
 */
export async function generateReport(event: Office.AddinCommands.Event): Promise<void> {
  try {
    let outcome: Outcome;
    try {
      outcome = reportDone(await generateReportForCurrentQuarter());
    } catch (error) {
      console.error("«Сформировать свод»: отчёт не сформирован", error);
      outcome = reportFailed(error);
    }
    await showOutcome(outcome);
  } catch (error) {
    console.error("«Сформировать свод»: результат не показан", error);
  } finally {
    event.completed();
  }
}

Office.onReady(() => Office.actions.associate("generateReport", generateReport));
