// The ribbon button «Сформировать свод» (manifest.xml: ExecuteFunction, FunctionName generateReport):
// builds the Свод sheet for the current quarter without opening the task pane.
import { config } from "zod";
import { generateReportForCurrentQuarter } from "../office/service";

// The page's CSP forbids eval, so zod cannot compile parsers anyway; jitless stops it from probing
// `new Function` once, which the browser would report as a CSP violation.
config({ jitless: true });

/** Runs the report; always tells Office the command has finished, also when it failed. */
export async function generateReport(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await generateReportForCurrentQuarter();
  } catch (error) {
    console.error("«Сформировать свод»: отчёт не сформирован", error);
  } finally {
    event.completed();
  }
}

Office.onReady(() => Office.actions.associate("generateReport", generateReport));
