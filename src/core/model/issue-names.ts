// Issues in plain Russian words for people: a short name per code, what to do about it, the severity
// as a word, and formula errors written the way Russian Excel shows them. The codes stay the machine's
// contract (SPEC §3); these words are for the pane, the remarks sent to schools and, later, the CLI.
import type { Issue, IssueCode, Severity } from "./issues";

/** A short name of each kind of problem, as a specialist would say it. */
export const ISSUE_NAMES: Readonly<Record<IssueCode, string>> = {
  "missing-column": "Нет столбца",
  "missing-value": "Пустая ячейка",
  "unknown-value": "Значение не из списка",
  "unknown-organization": "Неизвестная организация",
  "invalid-date": "Неверная дата",
  "invalid-number": "Не число",
  "date-order": "Даты не по порядку",
  "formula-error": "Ошибка формулы",
  "duplicate-person": "Повтор участника",
  "duplicate-code": "Повтор кода",
  "no-consent": "Нет согласия на ПД",
  "age-out-of-range": "Возраст не подходит",
  "form-category-mismatch": "Категория не подходит к форме",
  "pair-without-mentor": "Группа без наставника",
  "target-total-mismatch": "Итог не сходится",
  "unparsed-deadline": "Срок не распознан",
  "uncalculated-formula": "Формулы не пересчитаны",
  "ambiguous-organization": "Неоднозначная организация",
  "plan-total-mismatch": "Итог плана не сходится",
  "unknown-indicator": "Неизвестный показатель",
};

/** What to do about each kind, for the list sent back to a school (when no suggestion says more). */
export const ISSUE_ADVICE: Readonly<Record<IssueCode, string>> = {
  "missing-column": "Добавьте столбец с этим заголовком в строку заголовков",
  "missing-value": "Заполните ячейку",
  "unknown-value": "Выберите значение из выпадающего списка",
  "unknown-organization": "Укажите код организации так, как он записан на листе «Организации»",
  "invalid-date": "Введите существующую дату в формате ДД.ММ.ГГГГ",
  "invalid-number": "Введите число без букв и пояснений",
  "date-order": "Проверьте даты: окончание не раньше начала, рождение раньше начала",
  "formula-error": "Исправьте формулу или замените её значением",
  "duplicate-person": "Удалите повторную строку или исправьте ФИО, дату рождения, роль или форму",
  "duplicate-code": "Оставьте одну строку с этим кодом или исправьте код",
  "no-consent": "Получите согласие на обработку персональных данных и отметьте «Да»",
  "age-out-of-range": "Проверьте дату рождения и дату начала",
  "form-category-mismatch": "Исправьте категорию или форму наставничества",
  "pair-without-mentor": "Добавьте в пару или группу наставника или исправьте её номер",
  "target-total-mismatch": "Сверьте планы организаций с итогом по муниципалитету",
  "unparsed-deadline": "Запишите срок датой или периодом, например «до 01.09.2021» или «в течение года»",
  "uncalculated-formula": "Откройте файл в Excel и сохраните его, чтобы формулы пересчитались",
  "ambiguous-organization": "Укажите код организации или её полное название, чтобы организация определялась однозначно",
  "plan-total-mismatch": "Сверьте строку «ИТОГО» с суммой строк плана",
  "unknown-indicator": "Назовите показатель так, как он назван в справочнике показателей",
};

/**
 * Kinds whose suggestion is a value to put into the cell as text (a list value, an organization code):
 * the pane offers «Исправить на «…»» for them. The suggestion of `target-total-mismatch` is a sum, and
 * which of the plans is wrong is the specialist's call, so it is shown, not written.
 */
export const FIXABLE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(["unknown-value", "unknown-organization", "form-category-mismatch"]);

export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = {
  error: "Ошибка",
  warning: "Предупреждение",
};

/**
 * Excel's seven classic error values in English (what files and Office.js carry) → as Russian Excel
 * shows them. The newer ones (#SPILL!, #CALC!, …) are shown as they come: their Russian names were not
 * verified here.
 */
export const EXCEL_ERRORS_RU: Readonly<Record<string, string>> = {
  "#N/A": "#Н/Д",
  "#REF!": "#ССЫЛКА!",
  "#NAME?": "#ИМЯ?",
  "#VALUE!": "#ЗНАЧ!",
  "#DIV/0!": "#ДЕЛ/0!",
  "#NUM!": "#ЧИСЛО!",
  "#NULL!": "#ПУСТО!",
};

const ERROR_PATTERN = /#(?:N\/A|REF!|NAME\?|VALUE!|DIV\/0!|NUM!|NULL!)/g;

/** Every English Excel error value in a text, written the Russian way. */
export function localizeExcelErrors(text: string): string {
  return text.replace(ERROR_PATTERN, (e) => EXCEL_ERRORS_RU[e] ?? e);
}

/** Whether the pane may write the issue's suggestion into its cell on the user's click. */
export function isFixable(issue: Pick<Issue, "code" | "suggestion" | "cell">): boolean {
  return issue.suggestion !== undefined && issue.suggestion !== "" && FIXABLE_CODES.has(issue.code) && /^[A-Z]+\d+$/.test(issue.cell);
}

/**
 * The issue's message as shown to a person: formula errors the Russian way, and without the trailing
 * «Возможно, «X»» when the suggestion is shown on its own (as the «Исправить на «X»» button or the advice).
 */
export function plainMessage(issue: Pick<Issue, "message" | "suggestion">, suggestionShown = true): string {
  let text = localizeExcelErrors(issue.message);
  if (suggestionShown && issue.suggestion) {
    const tail = `. Возможно, «${issue.suggestion}»`;
    if (text.endsWith(tail)) text = text.slice(0, -tail.length);
  }
  return text;
}

/** What to do about one issue: its suggestion when it has one to write, else the kind's advice. */
export function adviceFor(issue: Pick<Issue, "code" | "suggestion" | "cell">): string {
  if (isFixable(issue)) return `Исправьте на «${issue.suggestion}»`;
  if (issue.code === "target-total-mismatch" && issue.suggestion) return `${ISSUE_ADVICE[issue.code]}: сумма планов организаций — ${issue.suggestion}`;
  return ISSUE_ADVICE[issue.code];
}
