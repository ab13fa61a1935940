// Facts taken from the seed order of the Бокситогорский district (Распоряжение КО от 08.02.2021 № 48):
// its six organizations of additional education, the 1256-student plan for 2021, and its roadmap.
// Contingents and young-teacher counts are not in the order; they are plausible figures, marked as such.

export const MUNICIPALITY = "Бокситогорский муниципальный район";
export const PLAN_YEAR = 2021;
export const PLAN_BASIS = "Распоряжение КО от 08.02.2021 № 48";

export interface SeedOrganization {
  code: string;
  name: string;
  plan: number;
  /** Assumed: the order gives no contingent. */
  contingent: number;
  /** Assumed. */
  youngTeachers: number;
}

export const ORGANIZATIONS: SeedOrganization[] = [
  { code: "БДЮСШ", name: 'Муниципальное бюджетное образовательное учреждение дополнительного образования "Бокситогорская детско-юношеская спортивная школа"', plan: 202, contingent: 560, youngTeachers: 4 },
  { code: "БЦДО", name: 'Муниципальное бюджетное образовательное учреждение дополнительного образования "Бокситогорский центр дополнительного образования"', plan: 350, contingent: 980, youngTeachers: 7 },
  { code: "БДШИ", name: 'Муниципальное бюджетное образовательное учреждение дополнительного образования "Бокситогорская детская школа искусств"', plan: 113, contingent: 320, youngTeachers: 3 },
  { code: "ДЮСШП", name: 'Муниципальное бюджетное образовательное учреждение дополнительного образования "Детская юношеская спортивная школа города Пикалево"', plan: 480, contingent: 1350, youngTeachers: 6 },
  { code: "ПДШИ", name: 'Муниципальное бюджетное образовательное учреждение дополнительного образования "Пикалевская детская школа искусств"', plan: 96, contingent: 270, youngTeachers: 2 },
  { code: "ЕДМШ", name: 'Муниципальное бюджетное образовательное учреждение дополнительного образования "Ефимовская детская музыкальная школа"', plan: 15, contingent: 45, youngTeachers: 1 },
];

export const PLAN_TOTAL = 1256;

/** Percentage targets for 2021, modelled on the first year of the Боханский programme (35 % / 50 %). */
export const SHARE_TARGETS = { students: 35, youngTeachers: 50 };

/** The roadmap of Приложение № 1, with the deadlines exactly as written; statuses are illustrative. */
export const ROADMAP: { id: string; title: string; responsible: string; deadline: string; progress: string; completed?: string }[] = [
  { id: "1.1", title: "Создание нормативной базы реализации целевой модели наставничества", responsible: "КО, муниципальный куратор ЦМН", deadline: "01.01.2021 г.- 28.02.2021 г.", progress: "Выполнено", completed: "26.02.2021" },
  { id: "1.2", title: "Информирование педагогического сообщества района: раздел «Реализация целевой модели наставничества» на сайте КО", responsible: "Муниципальный куратор ЦМН", deadline: "15.02.2021 г.- 28.02.2021 г., далее - постоянно", progress: "В работе" },
  { id: "1.3", title: "Организация мониторинга", responsible: "Муниципальный куратор ЦМН", deadline: "01.03.2021 г., 15.03.2021 г.", progress: "В работе", completed: "02.03.2021" },
  { id: "2", title: "Формирование базы наставников", responsible: "Руководители ОДО", deadline: "01.02.2021 г.- 31.03.2021 г.", progress: "В работе" },
  { id: "3", title: "Организация процесса наставничества", responsible: "Муниципальный куратор ЦМН, руководители ОДО", deadline: "С 01.04.2021 года", progress: "В работе" },
  { id: "4.1", title: "Публикация результатов программы наставничества на сайте КО, сайтах ОДО, в СМИ", responsible: "Муниципальный куратор ЦМН, руководители ОДО", deadline: "С 01.05.2020 г.", progress: "Не начато" },
  { id: "4.3", title: "Сбор отчётов ОДО по итогам реализации наставнической программы, итоговый отчёт по муниципалитету", responsible: "Муниципальный куратор ЦМН", deadline: "С 31.05.2020 г., далее 1 раз в квартал", progress: "В работе", completed: "30.03.2021" },
  { id: "4.4", title: "Мониторинг показателей эффективности внедрения ЦМН (Распоряжение Минпросвещения России от 25.12.2019 № Р-145)", responsible: "Муниципальный куратор ЦМН", deadline: "по отдельному графику", progress: "Не начато" },
];
