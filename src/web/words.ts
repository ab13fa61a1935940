// The standalone page's own words where it does what the pane does otherwise: nothing is inserted into an
// open book, no cell is selected in Excel, and every change goes into a copy of the user's file, offered
// for download at the top of the page (page.tsx, DOWNLOAD_LABELS). The page is Russian only.
import { fmtNumber as n } from "../core/model/format";
import { type Dictionary, plural } from "../taskpane/i18n";

/** The names of the page's download buttons, which the words below point to. */
export const DOWNLOAD_LABELS = {
  report: "Скачать книгу со сводом",
  highlight: "Скачать книгу с подсветкой",
  remarks: "Скачать замечания для школ",
  changed: "Скачать изменённую книгу",
} as const;

export const TEMPLATE_BUTTON = "Скачать пустой шаблон";

/** How the page says where to get the sheets a book lacks (in place of the pane's «вставьте шаблон»). */
export const PAGE_TEMPLATE_ADVICE = `Скачайте пустой шаблон (кнопка «${TEMPLATE_BUTTON}» вверху страницы), перенесите в него данные и откройте заполненный шаблон здесь.`;

const copyOf = (button: string) => `скачайте её кнопкой «${button}» вверху страницы`;

export const PAGE_WORDS: Partial<Dictionary> = {
  templateIntro: `В книге нет листов для мониторинга. ${PAGE_TEMPLATE_ADVICE}`,
  templateHint: `Пустой шаблон — листы «Организации», «Целевые показатели», «Участники», «Дорожная карта», «Справочники» и «Настройки» с выпадающими списками — скачивается кнопкой «${TEMPLATE_BUTTON}» вверху страницы. Ниже — настройки этой книги.`,
  saveSettings: "Записать в копию книги",
  saved: `Настройки записаны на лист «Настройки» копии книги — ${copyOf(DOWNLOAD_LABELS.changed)}.`,

  recheckHint: "Исправили файл в табличном редакторе? Откройте его здесь заново (кнопка «Открыть другую книгу…») и проверьте снова.",
  progressWrite: (_done?: number, total?: number) => (total ? `Запись копии книги: ${n(total)} ${plural(total, "ячейка", "ячейки", "ячеек")}…` : "Запись копии книги…"),
  highlightTitle: "Сделать копию книги, в которой ячейки с замечаниями залиты цветом",
  highlighted: (k: number) => `В копии книги подсвечено ${n(k)} ${plural(k, "ячейка", "ячейки", "ячеек")} — ${copyOf(DOWNLOAD_LABELS.highlight)}.`,
  cleared: (k: number) => (k === 0 ? "Подсветки не было." : `Подсветка снята с ${n(k)} ${plural(k, "ячейки", "ячеек", "ячеек")}.`),
  remarksTitle: "Отдельный файл со всеми замечаниями по спискам школ: код, ячейка, столбец, что исправить",
  remarksDone: (_sheet: string, rows: number, schools: number) =>
    `Файл замечаний готов: ${n(rows)} ${plural(rows, "замечание", "замечания", "замечаний")} по ${n(schools)} ${plural(schools, "организации", "организациям", "организациям")} — скачайте его кнопкой «${DOWNLOAD_LABELS.remarks}» вверху страницы.`,
  // The page has no grid to select in: a cell's address says where it is, and choosing it marks the line.
  goToCell: (sheet: string, cell: string) => `Ячейка ${cell} на листе «${sheet}»`,
  fixDone: (cells: string[], value: string, was: string) =>
    `${cells.length === 1 ? `В ячейку ${cells[0]}` : `В ${n(cells.length)} ${plural(cells.length, "ячейку", "ячейки", "ячеек")}`} копии книги записано «${value}» (было «${was}») — ${copyOf(DOWNLOAD_LABELS.changed)}.`,
  fixChanged: (cells: string[]) => `${cells.length === 1 ? `Ячейка ${cells[0]} изменилась` : `Ячейки ${cells.join(", ")} изменились`} после проверки и оставлены как есть. Проверьте книгу снова.`,

  mapColumnsHint: "Часть столбцов не распознана по заголовкам. Укажите, что в них, — сопоставление запишется в копию книги.",
  mappingIntro: `Какой столбец книги взят за какое поле. Для нераспознанных выберите поле и сохраните: сопоставление запишется на лист «Настройки» копии книги и будет действовать при каждой проверке этой копии (${copyOf(DOWNLOAD_LABELS.changed)}).`,
  mappingSaved: (k: number, sheet: string) =>
    `Сопоставление записано на лист «Настройки» копии книги: ${n(k)} ${plural(k, "столбец", "столбца", "столбцов")} листа «${sheet}». Копия проверена снова.`,

  reportHint: `Добавляет в копию книги лист «Свод ГГГГ Qn» только со сводными числами — без ФИО и дат рождения. Исходный файл не меняется.`,
  reportDone: (sheet: string) => `Лист «${sheet}» добавлен в копию книги — ${copyOf(DOWNLOAD_LABELS.report)}.`,

  importHint: "Выберите файлы школ (.xlsx, .xls, .ods, .csv). Они читаются только в этой вкладке браузера и никуда не отправляются. Сначала — сводка, затем подтверждение: строки добавятся в копию книги района.",
  importDone: (added: number) => `Импорт выполнен: в копию книги добавлено строк — ${n(added)}; ${copyOf(DOWNLOAD_LABELS.changed)}. Копия проверена заново — результат на вкладке «Проверка».`,
};
