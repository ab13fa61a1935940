// The workbook model (SPEC §2): each sheet kind, its columns, their header synonyms and cell types.
// The single place that knows header spellings; the template writer and the validator both read it.
import type { ListName } from "./dictionaries";

export type CellType =
  | { kind: "text" }
  | { kind: "list"; list: ListName }
  | { kind: "number" }
  | { kind: "date" }
  | { kind: "deadline" }; // free text or a date, read by the deadline grammar

export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  /** The header as the template writes it. */
  readonly header: string;
  readonly synonyms?: readonly string[];
  readonly type: CellType;
  /** A value is required in every data row. */
  readonly required?: boolean;
  /** The column must be present for the sheet to be read at all. */
  readonly mustExist?: boolean;
  /** Template column width in characters. */
  readonly width?: number;
}

export type SheetKind = "organizations" | "targets" | "participants" | "roadmap";

export interface SheetSpec<K extends string = string> {
  readonly kind: SheetKind;
  readonly sheetName: string;
  readonly sheetSynonyms: readonly string[];
  readonly tableName: string;
  readonly columns: readonly ColumnSpec<K>[];
}

const text = { kind: "text" } as const;
const number = { kind: "number" } as const;
const date = { kind: "date" } as const;
const list = (l: ListName) => ({ kind: "list", list: l }) as const;

export const ORGANIZATIONS: SheetSpec<"code" | "name" | "type" | "contingent" | "youngTeachers"> = {
  kind: "organizations",
  sheetName: "Организации",
  sheetSynonyms: ["Организации", "ОО", "Список организаций", "Organizations"],
  tableName: "Организации",
  columns: [
    { key: "code", header: "Код", synonyms: ["Код организации", "Код ОО"], type: text, required: true, mustExist: true, width: 12 },
    { key: "name", header: "Организация", synonyms: ["Наименование", "Название образовательной организации", "Наименование организации", "Название организации", "Образовательная организация"], type: text, required: true, mustExist: true, width: 60 },
    { key: "type", header: "Тип", synonyms: ["Тип организации", "Вид организации"], type: list("orgTypes"), required: true, mustExist: true, width: 8 },
    { key: "contingent", header: "Контингент", synonyms: ["Численность обучающихся", "Количество обучающихся", "Контингент обучающихся"], type: number, width: 12 },
    { key: "youngTeachers", header: "Молодых педагогов", synonyms: ["Молодые педагоги", "Количество молодых педагогов"], type: number, width: 12 },
  ],
};

export const TARGETS: SheetSpec<"orgCode" | "indicator" | "year" | "plan" | "unit" | "basis"> = {
  kind: "targets",
  sheetName: "Целевые показатели",
  sheetSynonyms: ["Целевые показатели", "Показатели", "План", "Targets"],
  tableName: "ЦелевыеПоказатели",
  columns: [
    { key: "orgCode", header: "Код организации", synonyms: ["Код", "Код ОО"], type: text, mustExist: true, width: 14 },
    { key: "indicator", header: "Показатель", synonyms: ["Наименование показателя"], type: list("indicators"), required: true, mustExist: true, width: 50 },
    { key: "year", header: "Год", type: number, required: true, mustExist: true, width: 8 },
    { key: "plan", header: "План", synonyms: ["Плановое значение", "Значение"], type: number, required: true, mustExist: true, width: 10 },
    { key: "unit", header: "Единица", synonyms: ["Ед. изм.", "Единица измерения", "Ед.изм"], type: list("units"), required: true, mustExist: true, width: 10 },
    { key: "basis", header: "Основание", synonyms: ["Документ"], type: text, width: 40 },
  ],
};

export const PARTICIPANTS: SheetSpec<
  "fio" | "birthDate" | "orgCode" | "role" | "category" | "form" | "pair" | "start" | "end" | "consent"
> = {
  kind: "participants",
  sheetName: "Участники",
  sheetSynonyms: ["Участники", "Персонифицированный учёт", "Персонифицированный учет", "Реестр", "Participants"],
  tableName: "Участники",
  columns: [
    { key: "fio", header: "ФИО", synonyms: ["Фамилия, имя, отчество", "Фамилия Имя Отчество", "Ф.И.О. участника"], type: text, required: true, mustExist: true, width: 32 },
    { key: "birthDate", header: "Дата рождения", synonyms: ["Д.р.", "ДР"], type: date, width: 13 },
    { key: "orgCode", header: "Код организации", synonyms: ["Код ОО", "Организация (код)"], type: text, required: true, mustExist: true, width: 14 },
    { key: "role", header: "Роль", synonyms: ["Роль участника"], type: list("roles"), required: true, mustExist: true, width: 15 },
    { key: "category", header: "Категория", synonyms: ["Категория участника"], type: list("categories"), required: true, mustExist: true, width: 26 },
    { key: "form", header: "Форма наставничества", synonyms: ["Форма", "Форма наставничества (модель)"], type: list("forms"), required: true, mustExist: true, width: 24 },
    { key: "pair", header: "Пара/группа", synonyms: ["Пара", "Группа", "Наставническая пара/группа", "Пара / группа", "№ пары"], type: text, width: 13 },
    { key: "start", header: "Дата начала", synonyms: ["Начало", "Дата вступления в программу"], type: date, required: true, mustExist: true, width: 13 },
    { key: "end", header: "Дата окончания", synonyms: ["Окончание", "Дата завершения", "Дата выхода из программы"], type: date, width: 13 },
    { key: "consent", header: "Согласие на обработку ПД", synonyms: ["Согласие", "Согласие на обработку персональных данных", "Согласие ПД"], type: list("consent"), width: 14 },
  ],
};

export const ROADMAP: SheetSpec<"id" | "title" | "responsible" | "deadline" | "progress" | "completed"> = {
  kind: "roadmap",
  sheetName: "Дорожная карта",
  sheetSynonyms: ["Дорожная карта", "План мероприятий", "Roadmap"],
  tableName: "ДорожнаяКарта",
  columns: [
    { key: "id", header: "№", synonyms: ["№ п/п", "Номер", "№п/п"], type: text, width: 7 },
    { key: "title", header: "Мероприятие", synonyms: ["Наименование мероприятия", "Наименование мероприятий", "Мероприятия"], type: text, required: true, mustExist: true, width: 50 },
    { key: "responsible", header: "Ответственный", synonyms: ["Ответственные", "Ответственный исполнитель", "Исполнитель"], type: text, width: 26 },
    { key: "deadline", header: "Срок", synonyms: ["Сроки", "Срок реализации", "Срок исполнения", "Сроки реализации"], type: { kind: "deadline" }, mustExist: true, width: 26 },
    { key: "progress", header: "Статус", synonyms: ["Состояние", "Отметка о выполнении"], type: list("progress"), width: 13 },
    { key: "completed", header: "Дата выполнения", synonyms: ["Выполнено (дата)", "Дата исполнения"], type: date, width: 14 },
  ],
};

export const SHEET_SPECS = [ORGANIZATIONS, TARGETS, PARTICIPANTS, ROADMAP] as const;
