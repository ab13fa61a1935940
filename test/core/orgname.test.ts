// Organization names as districts and schools write them (docs/layouts.md, «Names»): one key for every
// spelling, matching a written name to a workbook's organizations, and the type a name implies.
import { OrgResolver, inferOrgType, orgCoreKey, orgNameKey, shortOrgName } from "../../src/core/read/orgname";

const FULL = "Муниципальное бюджетное образовательное учреждение дополнительного образования ";
const SEED = [
  { code: "БДЮСШ", name: `${FULL}"Бокситогорская детско-юношеская спортивная школа"` },
  { code: "БЦДО", name: `${FULL}"Бокситогорский центр дополнительного образования"` },
  { code: "БДШИ", name: `${FULL}"Бокситогорская детская школа искусств"` },
  { code: "ДЮСШП", name: `${FULL}"Детская юношеская спортивная школа города Пикалево"` },
  { code: "ПДШИ", name: `${FULL}"Пикалевская детская школа искусств"` },
  { code: "ЕДМШ", name: `${FULL}"Ефимовская детская музыкальная школа"` },
];
const SCHOOLS = [
  { code: "СОШ5Б", name: "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5» г. Бокситогорска" },
  { code: "СОШ5П", name: "МБОУ «СОШ №5» г. Пикалево" },
  { code: "ГИМН2", name: "Муниципальное автономное общеобразовательное учреждение «Гимназия № 2»" },
  { code: "ЛИЦ7", name: "МАОУ «Лицей № 7»" },
  { code: "БПК", name: "Государственное бюджетное профессиональное образовательное учреждение «Боханский педагогический колледж им. Д. Банзарова»" },
];

describe("the matching key", () => {
  it("is one for a legal form written out or abbreviated, any quotes, case, ё/е, spaces, «г.»/«города», «№5»/«№ 5»", () => {
    const same = [
      [SEED[3].name, "МБОУ  ДО «Детская юношеская спортивная школа г.Пикалево»", "мбоу до „ДЮСШ города Пикалево“"],
      [SCHOOLS[0].name, "МБОУ “СОШ №5” г. Бокситогорска", "МБОУ СОШ № 5 Г. БОКСИТОГОРСКА"],
      ["МКОУ «Ёлкинская ООШ»", "Муниципальное казённое общеобразовательное учреждение \"Елкинская основная общеобразовательная школа\""],
      ["ГБПОУ «Боханский педагогический колледж им. Д. Банзарова»", SCHOOLS[4].name],
    ];
    for (const group of same) for (const name of group) expect(orgNameKey(name)).toBe(orgNameKey(group[0]));
    // The legal form is not what names the organization: МБОУ ДО and МБУ ДО share the rest.
    expect(orgCoreKey(orgNameKey("МБУ ДО «Бокситогорская ДШИ»"))).toBe(orgCoreKey(orgNameKey(SEED[2].name)));
    expect(orgNameKey("МБУДО «ДЮСШ г.Пикалево»")).toBe(orgNameKey("Муниципальное бюджетное учреждение дополнительного образования \"ДЮСШ города Пикалево\""));
  });

  it("keeps different organizations apart", () => {
    expect(orgNameKey("МБОУ «СОШ № 5»")).not.toBe(orgNameKey("МБОУ «СОШ № 15»"));
    expect(orgNameKey("МБОУ «ООШ № 5»")).not.toBe(orgNameKey("МБОУ «СОШ № 5»"));
    expect(orgCoreKey(orgNameKey(SEED[2].name))).not.toBe(orgCoreKey(orgNameKey(SEED[4].name)));
  });

  it("shortOrgName stays the short form shown in narrow tables", () => {
    expect(shortOrgName(SEED[0].name)).toBe("МБОУ ДО «Бокситогорская детско-юношеская спортивная школа»");
  });
});

describe("matching a written name to the organizations", () => {
  const r = new OrgResolver([...SEED, ...SCHOOLS]);
  const code = (text: string) => {
    const m = r.resolve(text);
    return m.kind === "match" ? m.code : m.kind;
  };

  it("takes a code first, then a name in any of its spellings", () => {
    expect(r.resolve(" бдшИ ")).toEqual({ kind: "match", code: "БДШИ", by: "code" });
    expect(code("МБОУ ДО «Бокситогорская ДЮСШ»")).toBe("БДЮСШ");
    expect(code("Бокситогорский центр дополнительного образования")).toBe("БЦДО");
    expect(code("МБУДО «Пикалёвская ДШИ»")).toBe("ПДШИ");
    expect(code("ДЮСШ г. Пикалево")).toBe("ДЮСШП");
    expect(code("Ефимовская ДМШ")).toBe("ЕДМШ");
    expect(code("ДШИ Пикалево")).toBe("ПДШИ"); // «Пикалево» and «Пикалевская» share their stem
    expect(code("Гимназия №2")).toBe("ГИМН2");
    expect(code("Лицей 7")).toBe("ЛИЦ7");
    expect(code("ГБПОУ Боханский педагогический колледж")).toBe("БПК");
  });

  it("tells namesakes apart by their town, and calls a name that fits two ambiguous, naming both", () => {
    expect(code("СОШ № 5 г. Пикалево")).toBe("СОШ5П");
    expect(code("МБОУ СОШ № 5 г.Бокситогорска")).toBe("СОШ5Б");
    const m = r.resolve("МБОУ СОШ №5");
    expect(m.kind).toBe("ambiguous");
    expect(m.kind === "ambiguous" && m.candidates.map((c) => c.code).sort()).toEqual(["СОШ5Б", "СОШ5П"]);
    // Only generic words: never taken for one organization.
    const dshi = r.resolve("Детская школа искусств");
    expect(dshi.kind === "ambiguous" && dshi.candidates.map((c) => c.code).sort()).toEqual(["БДШИ", "ПДШИ"]);
  });

  it("an unknown name is unknown, with the nearest names; a mistyped code is never taken for a name", () => {
    const m = r.resolve("Бокситогорская спортивная школа олимпийского резерва");
    expect(m.kind).toBe("unknown");
    expect(m.kind === "unknown" && m.nearest.map((x) => x.code)).toContain("БДЮСШ");
    expect(r.resolve("БДШИ2")).toEqual({ kind: "unknown", nearest: [] });
    expect(r.resolve("Школа № 99").kind).toBe("unknown");
  });
});

describe("the type a name implies", () => {
  const cases: [string, string | null][] = [
    [SEED[0].name, "ОДО"],
    ["МБУ ДО «ДДТ»", "ОДО"],
    ["МБОУ ДО «Центр детского творчества»", "ОДО"],
    ["ДЮСШ г. Пикалево", "ОДО"],
    ["МБОУ «СОШ № 5»", "ОО"],
    ["МАОУ «Лицей № 7»", "ОО"],
    ["Гимназия № 2", "ОО"],
    ["Муниципальное казённое общеобразовательное учреждение «Основная общеобразовательная школа»", "ОО"],
    ["МБДОУ «Детский сад № 3»", "ДОО"],
    [SCHOOLS[4].name, "СПО"],
    ["Управление образования", null],
  ];
  it.each(cases)("%s → %s", (name, type) => {
    expect(inferOrgType(name)?.type ?? null).toBe(type);
  });

  it("says which words imply it", () => {
    expect(inferOrgType("МБОУ «СОШ № 5»")!.because).toContain("«МБОУ»");
  });
});

describe("bad cells never make a match", () => {
  // Found by test/properties/accounting.test.ts: a TRUE in the roster's code cell and a TRUE in the
  // organization's name cell were matched by name, so repairing the name changed the roster's counts.
  it("a roster TRUE is not matched to an organization whose name cell holds TRUE", async () => {
    const { analyzeWorkbook } = await import("../../src/core/analyze");
    const a = analyzeWorkbook({
      sheets: [
        { name: "Организации", rows: [["Код", "Организация", "Тип"], ["БДЮСШ", true, "ОДО"]] },
        { name: "Участники", rows: [["ФИО", "Код организации", "Роль", "Категория", "Форма наставничества", "Дата начала"], ["Зайцев Илья Олегович", true, "Наставник", "Обучающийся", "Ученик – ученик", 44300]] },
      ],
    });
    expect(a.issues.filter((i) => i.sheet === "Участники").map((i) => [i.cell, i.code])).toEqual([["B2", "unknown-organization"]]);
    expect(new OrgResolver([{ code: "БДЮСШ", name: "ИСТИНА" }]).resolve("ИСТИНА").kind).toBe("unknown");
    expect(new OrgResolver([{ code: "БДЮСШ", name: "МБУ ДО «ДЮСШ»" }]).resolve("МБУ ДО «ДЮСШ»")).toEqual({ kind: "match", code: "БДЮСШ", by: "name" });
  });

  // Found the same way: a roster row coded «ИТОГО» matched an organization whose name cell held «ИТОГО».
  it("a total row's words («ИТОГО», «Всего») are no organization's name", () => {
    expect(new OrgResolver([{ code: "БДЮСШ", name: "ИТОГО" }]).resolve("ИТОГО").kind).toBe("unknown");
    expect(new OrgResolver([{ code: "БДЮСШ", name: "Всего" }]).resolve("всего").kind).toBe("unknown");
    expect(new OrgResolver([{ code: "ИТОГ", name: "Итоговая школа" }]).resolve("ИТОГ")).toEqual({ kind: "match", code: "ИТОГ", by: "code" });
  });
});
