// The standalone page's entry: no Office.js; the pane's app over the in-memory workbook (service.ts).
import { createRoot } from "react-dom/client";
import { config } from "zod";
import { Page } from "./page";

// zod would probe `new Function` for speed; the page's Content-Security-Policy forbids eval.
config({ jitless: true });

declare global {
  interface Window {
    /** Browser tests fix the clock, as they do for the task pane. */
    __MENTOR_MONITOR_NOW__?: string;
  }
}

const fixed = window.__MENTOR_MONITOR_NOW__;
const now = fixed ? () => new Date(fixed) : () => new Date();
document.documentElement.lang = "ru";
createRoot(document.getElementById("root")!).render(<Page lang="ru" now={now} />);
