// What the ribbon's «Сформировать свод» tells the user when it has finished: one sentence of outcome
// and, after a failure, what to do. Shown in a small dialog page of the add-in's own origin
// (dialog.html): the page gets only these words through its address — the report sheet's name, the
// number of organizations, an error's text (the add-in's messages name sheets, cells and organizations,
// never a roster's values) — never workbook data. See docs/addin-build.md.
import { fmtNumber } from "../core/model/format";

export interface Outcome {
  readonly kind: "success" | "error";
  /** What happened, one or two sentences. */
  readonly text: string;
  /** After a failure: what the user can do about it. */
  readonly hint: string;
}

/** The longest text the dialog's address carries; longer error texts are cut with «…». */
export const MAX_TEXT = 400;

/** «1 организация», «3 организации», «6 организаций», «11 организаций», «21 организация». */
export function organizations(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? "организация" : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "организации" : "организаций";
  return `${fmtNumber(n)} ${word}`;
}

/** The report is on its sheet. */
export function reportDone(r: { readonly sheet: string; readonly organizations?: number }): Outcome {
  const count = typeof r.organizations === "number" ? `: ${organizations(r.organizations)}, лист добавлен` : ", лист добавлен";
  return { kind: "success", text: `Свод «${r.sheet}» сформирован${count}.`, hint: "" };
}

const PANE = "Откройте панель «Мониторинг наставничества» (кнопка рядом на вкладке «Главная»)";

/** What Excel's error codes mean for the user, and what to do (codes: Excel.ErrorCodes). */
const EXCEL_CODES: Record<string, { text: string; hint: string }> = {
  AccessDenied: {
    text: "Excel не дал изменить книгу: она защищена или открыта только для чтения.",
    hint: "Снимите защиту структуры книги («Рецензирование» → «Защитить книгу») или сохраните её копию и нажмите кнопку ещё раз.",
  },
  InvalidOperation: {
    text: "Excel отказал в изменении книги: возможно, она защищена, открыта только для чтения или сейчас редактируется ячейка.",
    hint: "Закончите ввод в ячейке (Enter или Esc), снимите защиту книги и нажмите кнопку ещё раз.",
  },
  ApiNotFound: {
    text: "Эта версия Excel не умеет того, что нужно надстройке (набор функций ExcelApi 1.9).",
    hint: "Нужен Microsoft 365 или Excel 2021 и новее, либо Excel в Интернете. Подробности покажет кнопка «Проверить совместимость Excel» в панели.",
  },
  RequestPayloadSizeLimitExceeded: {
    text: "Книга слишком велика для одного запроса Excel в Интернете.",
    hint: `${PANE} и сформируйте свод на вкладке «Отчёт» или сделайте это в настольном Excel.`,
  },
  ResponsePayloadSizeLimitExceeded: {
    text: "Книга слишком велика для одного ответа Excel в Интернете.",
    hint: `${PANE} и сформируйте свод на вкладке «Отчёт» или сделайте это в настольном Excel.`,
  },
};

function cut(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1).trimEnd()}…` : t;
}

/** The report could not be made: the reason in Russian and what to do. */
export function reportFailed(error: unknown): Outcome {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(error);
  if (typeof e?.code === "string") {
    const known = EXCEL_CODES[e.code];
    if (known) return { kind: "error", text: `Свод не сформирован. ${known.text}`, hint: known.hint };
    return {
      kind: "error",
      text: cut(`Свод не сформирован: Excel ответил ошибкой ${e.code}.`),
      hint: `Нажмите кнопку ещё раз. Если ошибка повторится, ${PANE.charAt(0).toLowerCase()}${PANE.slice(1)} и сформируйте свод на вкладке «Отчёт».`,
    };
  }
  if (/[А-Яа-яЁё]/.test(message)) {
    // The add-in's own messages: a missing sheet, an unreadable period, …
    return {
      kind: "error",
      text: cut(`Свод не сформирован. ${message}`),
      hint: `${PANE}: на вкладке «Проверка» видно, что не так с книгой, на вкладке «Шаблон» вставляются недостающие листы.`,
    };
  }
  return {
    kind: "error",
    text: cut(`Свод не сформирован из-за внутренней ошибки надстройки: ${message}`),
    hint: "Сообщите о ней тому, кто установил надстройку, с этим текстом. Свод можно сформировать и в панели, на вкладке «Отчёт».",
  };
}

/** The dialog page's address for an outcome: the page itself, relative to the function file's page. */
export function dialogUrl(pageUrl: string, o: Outcome): string {
  const url = new URL("dialog.html", pageUrl);
  url.search = new URLSearchParams({ kind: o.kind, text: o.text, ...(o.hint ? { hint: o.hint } : {}) }).toString();
  return url.href;
}

/** The outcome a dialog address carries (the dialog page's side); null when it carries none. */
export function outcomeOf(search: string): Outcome | null {
  const q = new URLSearchParams(search);
  const kind = q.get("kind");
  const text = q.get("text");
  if ((kind !== "success" && kind !== "error") || !text) return null;
  return { kind, text: cut(text), hint: cut(q.get("hint") ?? "") };
}
