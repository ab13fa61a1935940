// The text output of `validate` for rosters with any number of issues: the first few hundred listed one by
// one, the rest summed up by kind, never a stack overflow (a table of 120 000 rows used to overflow it).
import { makeIssue } from "../../src/core/model/issues";
import { TEXT_ISSUE_LIMIT, validateText } from "../../src/cli/commands/validate";
import { fmtNumber } from "../../src/core/model/format";

const issues = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? makeIssue({ sheet: "Участники", cell: `H${i + 2}`, row: i + 2, column: "Дата начала" }, "invalid-date", "Дата «31.02.2021» не существует")
      : makeIssue({ sheet: "Участники", cell: `J${i + 2}`, row: i + 2, column: "Согласие на обработку ПД" }, "no-consent", "Не отмечено согласие на обработку персональных данных"),
  );

describe("validate, text output", () => {
  it("lists every issue when there are few", () => {
    const text = validateText(issues(10), "книга.xlsx");
    expect(text.split("\n").filter((l) => l.startsWith("Участники"))).toHaveLength(10);
    expect(text).not.toContain("по видам");
  });

  it("lists the first ones and sums up the rest by kind, pointing to --json, for 150 000 issues", () => {
    const all = issues(150_000);
    const text = validateText(all, "книга.xlsx");
    expect(text.split("\n").filter((l) => l.startsWith("Участники"))).toHaveLength(TEXT_ISSUE_LIMIT);
    expect(text).toContain("Проверка: ошибок — 50\u00a0000, предупреждений — 100\u00a0000.");
    expect(text).toContain(`Показаны первые ${TEXT_ISSUE_LIMIT} замечаний из 150\u00a0000. Остальные 149\u00a0700 по видам:`);
    const rest = all.slice(TEXT_ISSUE_LIMIT);
    expect(text).toMatch(new RegExp(`no-consent\\s+предупреждение\\s+${fmtNumber(rest.filter((i) => i.code === "no-consent").length)}`));
    expect(text).toMatch(new RegExp(`invalid-date\\s+ошибка\\s+${fmtNumber(rest.filter((i) => i.code === "invalid-date").length)}`));
    expect(text).toContain("mentor-monitor validate «книга.xlsx» --json");
  });

  it("writes counts the Russian way", () => {
    expect([1256, 12345, 1048576, 37.56, -20000].map(fmtNumber)).toEqual(["1256", "12\u00a0345", "1\u00a0048\u00a0576", "37,6", "−20\u00a0000"]);
  });
});
