// Task pane entry. In Office the service talks to Excel through Excel.run; the browser tests provide
// the in-memory test host instead (window.__MENTOR_MONITOR_HOST__), in place of Office. The analysis
// runs in a Web Worker (worker-engine.ts), so the page never freezes on a large roster.
import { createRoot } from "react-dom/client";
import { config } from "zod";
import { type ExcelRun, officeRun } from "../office/run";
import { type SelfTestInfo, runSelfTest } from "../office/selftest";
import { createService } from "../office/service";
import { SelfTest } from "./components/SelfTest";
import { App } from "./components/App";
import { langOf } from "./i18n";
import { workerEngine } from "./worker-engine";

declare global {
  interface Window {
    __MENTOR_MONITOR_HOST__?: { run: ExcelRun; now?: () => Date };
  }
}

// zod would probe `new Function` for speed; the pane's Content-Security-Policy forbids eval.
config({ jitless: true });

Office.onReady(() => {
  const injected = window.__MENTOR_MONITOR_HOST__;
  // Only Excel on the web limits each request to 5 MB; elsewhere reading needs no extra round trips.
  const payloadLimited = Office.context?.platform === undefined || String(Office.context.platform) === "OfficeOnline";
  const now = injected?.now ?? (() => new Date());
  const service = createService(injected?.run ?? officeRun, now, { payloadLimited, engine: workerEngine() });
  const lang = langOf(Office.context?.displayLanguage);
  document.documentElement.lang = lang;
  // «Проверить совместимость Excel»: every Excel API the add-in uses, tried on a temporary sheet.
  const diagnostics = Office.context?.diagnostics;
  const info: SelfTestInfo = {
    version: diagnostics?.version,
    platform: diagnostics?.platform === undefined ? undefined : String(diagnostics.platform),
    host: diagnostics?.host === undefined ? undefined : String(diagnostics.host),
    isSetSupported: Office.context?.requirements ? (name, version) => Office.context.requirements.isSetSupported(name, version) : undefined,
  };
  const selfTest = <SelfTest runSelfTest={() => runSelfTest(injected?.run ?? officeRun, info)} />;
  createRoot(document.getElementById("root")!).render(<App service={service} lang={lang} now={now} selfTest={selfTest} />);
});
