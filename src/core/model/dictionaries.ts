// The lists a workbook's drop-downs and the validator share. A workbook may override any of them
// in its `Справочники` sheet (local forms of mentorship differ by region); these are the defaults.
import { valueKey } from "./text";

export const DICTIONARIES_SHEET = "Справочники";

export type ListName = "roles" | "categories" | "forms" | "orgTypes" | "units" | "consent" | "progress" | "indicators";

export type Dictionaries = Readonly<Record<ListName, readonly string[]>>;

export const ROLE = { mentor: "Наставник", mentee: "Наставляемый" } as const;

export const CATEGORY = {
  student: "Обучающийся",
  teacher: "Педагог",
  youngSpecialist: "Молодой специалист",
  collegeStudent: "Студент",
  employer: "Представитель работодателя",
  graduate: "Выпускник",
} as const;

export const UNIT = { persons: "чел.", percent: "%" } as const;

/**
 * Indicators by stable code (SPEC §4); the list value is the name used in the regional projects. `orgType`:
 * the type of organization whose pupils the indicator is about (its base), none for all organizations.
 */
export const INDICATORS = {
  "students-count": { name: "Обучающиеся, вовлечённые в наставничество", unit: UNIT.persons, orgType: null },
  "students-share": { name: "Доля обучающихся, вовлечённых в различные формы наставничества", unit: UNIT.percent, orgType: null },
  "young-teachers-share": { name: "Доля молодых педагогов, вовлечённых в формы поддержки", unit: UNIT.percent, orgType: null },
  "students-share-general": {
    name: "Доля обучающихся общеобразовательных организаций, вовлечённых в наставничество («Современная школа»)",
    unit: UNIT.percent,
    orgType: "ОО",
  },
  "students-share-additional": {
    name: "Доля обучающихся по дополнительным общеобразовательным программам, вовлечённых в наставничество («Успех каждого ребенка»)",
    unit: UNIT.percent,
    orgType: "ОДО",
  },
} as const;
export type IndicatorCode = keyof typeof INDICATORS;

/** The indicator as a person says it, for «понят как …»: its list value. */
export const indicatorName = (code: IndicatorCode): string => INDICATORS[code].name;

export const DEFAULT_DICTIONARIES: Dictionaries = {
  roles: [ROLE.mentor, ROLE.mentee],
  categories: Object.values(CATEGORY),
  forms: [
    "Ученик – ученик",
    "Учитель – учитель",
    "Студент – ученик",
    "Работодатель – ученик",
    "Работодатель – студент",
    "Учитель – ученик",
    "Студент – студент",
    // Local variants organizations use (SPEC §2.3): additional and pre-school education, colleges.
    "Педагог – педагог",
    "Преподаватель – обучающийся",
    "Педагог – студент",
    "Педагог – родитель",
  ],
  orgTypes: ["ОО", "ОДО", "СПО", "ДОО"],
  units: [UNIT.persons, UNIT.percent],
  consent: ["Да", "Нет"],
  progress: ["Выполнено", "В работе", "Не начато", "Отменено"],
  indicators: Object.values(INDICATORS).map((i) => i.name),
};

/** Headers of the `Справочники` sheet columns, one per list. */
export const DICTIONARY_HEADERS: Record<ListName, string> = {
  roles: "Роль",
  categories: "Категория",
  forms: "Форма наставничества",
  orgTypes: "Тип организации",
  units: "Единица",
  consent: "Согласие",
  progress: "Статус",
  indicators: "Показатель",
};

/** Lookup from a tolerant key to the canonical list value. */
export type ListIndex = ReadonlyMap<string, string>;

const ROLE_ALIASES: [string, string][] = [
  ["наставница", ROLE.mentor],
  ["наставники", ROLE.mentor],
  ["наставляемая", ROLE.mentee],
  ["наставляемые", ROLE.mentee],
  ["наставляемый (обучающийся)", ROLE.mentee],
];

export function indexList(values: readonly string[]): ListIndex {
  const m = new Map<string, string>();
  for (const v of values) m.set(valueKey(v), v);
  // Roles as school forms write them («Статус участника»: наставница, наставляемая, …) read as the list's.
  if (values.includes(ROLE.mentor) && values.includes(ROLE.mentee)) {
    for (const [alias, role] of ROLE_ALIASES) if (!m.has(alias)) m.set(alias, role);
  }
  return m;
}


export function indicatorCodeOf(name: string): IndicatorCode | undefined {
  const key = valueKey(name);
  for (const [code, ind] of Object.entries(INDICATORS)) if (valueKey(ind.name) === key) return code as IndicatorCode;
  return undefined;
}

// Which categories fit each side of a form "Наставник – наставляемый", by the word used for that side.
// A form whose words are not here (a local variant) is not checked.
// «Родитель» is a known side whose person no category of the list describes, so that side is not checked.
const SIDE_CATEGORIES: Record<string, readonly string[] | null> = {
  ученик: [CATEGORY.student],
  обучающийся: [CATEGORY.student, CATEGORY.collegeStudent], // a college's «обучающийся» is a student
  учитель: [CATEGORY.teacher, CATEGORY.youngSpecialist],
  педагог: [CATEGORY.teacher, CATEGORY.youngSpecialist],
  преподаватель: [CATEGORY.teacher, CATEGORY.youngSpecialist],
  студент: [CATEGORY.collegeStudent],
  работодатель: [CATEGORY.employer],
  родитель: null,
};

/** Categories allowed for the mentee of a form, or undefined when the form is not known. */
export function menteeCategoriesOf(form: string): readonly string[] | undefined {
  const parts = valueKey(form).split("-");
  return parts.length === 2 ? (SIDE_CATEGORIES[parts[1]] ?? undefined) : undefined;
}

export function mentorCategoriesOf(form: string): readonly string[] | undefined {
  const parts = valueKey(form).split("-");
  if (parts.length !== 2) return undefined;
  const base = SIDE_CATEGORIES[parts[0]] ?? undefined;
  // Graduates mentor pupils and students as often as current pupils do.
  return base && parts[0] === "ученик" ? [...base, CATEGORY.graduate] : base;
}
