// Local forms of mentorship (SPEC §2.3, issue 14 point 6): the defaults know them, and the form-category
// check knows their words — «педагог», «преподаватель», «обучающийся», and «родитель», for which the list
// has no category, so that side is not checked.
import { DEFAULT_DICTIONARIES } from "../src/core/model/dictionaries";
import { COL, analyzeBook, book, issueList, mentee } from "./hard-input/helpers";

const mentor = (form: string, category = "Педагог") => mentee("Орлова Анна Сергеевна", { role: "Наставник", category, form, birth: new Date(Date.UTC(1980, 0, 1)) });

describe("local forms of mentorship", () => {
  it("are in the default lists", () => {
    expect(DEFAULT_DICTIONARIES.forms).toEqual(expect.arrayContaining(["Педагог – педагог", "Преподаватель – обучающийся", "Педагог – студент", "Педагог – родитель"]));
  });

  it("«Педагог – педагог» with teachers on both sides raises nothing; a pupil as its mentee is a mismatch", async () => {
    const form = "Педагог – педагог";
    const rows = [mentor(form), mentee("Зайцев Илья Олегович", { form, category: "Молодой специалист", birth: new Date(Date.UTC(1998, 0, 1)) }), mentee("Петров Иван", { form })];
    const { analysis } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([`form-category-mismatch@${COL.category}4`]);
  });

  it("«Преподаватель – обучающийся» takes a college student or a pupil as its mentee", async () => {
    const form = "Преподаватель – обучающийся";
    const rows = [mentor(form), mentee("Зайцев Илья Олегович", { form, category: "Студент" }), mentee("Петров Иван", { form }), mentee("Сидоров Олег", { form, category: "Педагог" })];
    const { analysis } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([`form-category-mismatch@${COL.category}5`]);
  });

  it("«Педагог – родитель» checks the mentor only: the list has no category for a parent", async () => {
    const form = "Педагог – родитель";
    const rows = [mentor(form), mentee("Зайцева Мария", { form, category: "Представитель работодателя" }), mentor(form, "Обучающийся")];
    const { analysis } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis).filter((i) => i.startsWith("form-category-mismatch"))).toEqual([`form-category-mismatch@${COL.category}4`]);
  });
});
