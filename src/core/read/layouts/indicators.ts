// An indicator written as a sentence, as programmes and orders write them, read by what it names (SPEC §4):
// pupils of general-education organizations, pupils in additional education, teachers under 35 in their
// first three years, a count in persons. The regional project beside it («Современная школа», «Успех
// каждого ребенка») decides when the sentence alone names no type of organization.
import { type IndicatorCode, indicatorCodeOf } from "../../model/dictionaries";

const norm = (s: string) => s.normalize("NFC").toLowerCase().replaceAll("ё", "е").replace(/\s+/g, " ");

const TEACHERS = /педагог|учител|молод[а-я]* специалист/;
const YOUNG = /до 35 лет|до 35-ти лет|моложе 35|молод[а-я]* (педагог|учител|специалист)|перв[а-я]* (тр[еи][хм]?|3) (лет|года)|стаж[а-я]* (до|менее)/;
const PUPILS = /обучающ|учащ|школьник|воспитанник|детей|дети([^а-я]|$)/;
const ADDITIONAL = /дополнительн[а-я]* (обще)?образовательн[а-я]* программ|дополнительного образования|успех каждого ребенка/;
const GENERAL = /общеобразовательн[а-я]* (организац|учрежден|школ)|современная школа|общего образования/;
const COUNT = /количеств|численност|(^|[^а-я])число([^а-я]|$)|чел\.|\(чел|человек/;
const SHARE = /дол[яиейю]([^а-я]|$)|%|процент/;

export interface UnderstoodIndicator {
  readonly code: IndicatorCode;
  /** How it was read: the list value itself, or the words of a sentence. */
  readonly by: "list" | "sentence";
}

/**
 * The indicator a text names: a list value as such, otherwise a sentence by its words; undefined when it
 * names none of them. `project`: the regional project written beside it, if any.
 */
export function understandIndicator(text: string, project = ""): UnderstoodIndicator | undefined {
  const listed = indicatorCodeOf(text);
  if (listed) return { code: listed, by: "list" };
  const s = norm(text);
  const p = norm(project);
  if (TEACHERS.test(s) && YOUNG.test(s)) return { code: "young-teachers-share", by: "sentence" };
  if (!PUPILS.test(s)) return undefined;
  if (COUNT.test(s) && !SHARE.test(s)) return { code: "students-count", by: "sentence" };
  if (ADDITIONAL.test(s)) return { code: "students-share-additional", by: "sentence" };
  if (GENERAL.test(s)) return { code: "students-share-general", by: "sentence" };
  if (ADDITIONAL.test(p)) return { code: "students-share-additional", by: "sentence" };
  if (GENERAL.test(p)) return { code: "students-share-general", by: "sentence" };
  return { code: "students-share", by: "sentence" };
}
