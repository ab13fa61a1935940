import { lastOccurrence, occurrenceBefore, occurrenceFrom } from "../../src/core/roadmap/deadline";
import { day, isoOrNull } from "./helpers";

describe("occurrences of a recurrence", () => {
  it("month ends, quarter ends and year ends", () => {
    expect(isoOrNull(occurrenceBefore({ every: "month" }, day("2021-03-31")))).toBe("2021-02-28");
    expect(isoOrNull(occurrenceFrom({ every: "month" }, day("2021-03-31")))).toBe("2021-03-31");
    expect(isoOrNull(occurrenceBefore({ every: "quarter" }, day("2021-02-10")))).toBe("2020-12-31");
    expect(isoOrNull(occurrenceFrom({ every: "quarter" }, day("2021-04-01")))).toBe("2021-06-30");
    expect(isoOrNull(occurrenceFrom({ every: "year" }, day("2021-01-01")))).toBe("2021-12-31");
    expect(isoOrNull(occurrenceBefore({ every: "year" }, day("2021-12-31")))).toBe("2020-12-31");
  });

  it("a day of the month is clamped to short months", () => {
    expect(isoOrNull(occurrenceFrom({ every: "month", day: 31 }, day("2021-02-01")))).toBe("2021-02-28");
    expect(isoOrNull(occurrenceFrom({ every: "month", day: 30 }, day("2024-02-10")))).toBe("2024-02-29");
    expect(isoOrNull(occurrenceBefore({ every: "month", day: 15 }, day("2021-03-15")))).toBe("2021-02-15");
  });

  it("respects from and until", () => {
    const r = { every: "month" as const, day: 15, from: day("2021-03-01"), until: day("2021-06-30") };
    expect(isoOrNull(occurrenceBefore(r, day("2021-03-10")))).toBeNull();
    expect(isoOrNull(occurrenceFrom(r, day("2021-01-01")))).toBe("2021-03-15");
    expect(isoOrNull(occurrenceFrom(r, day("2021-06-16")))).toBeNull();
    expect(isoOrNull(occurrenceBefore(r, day("2022-01-01")))).toBe("2021-06-15");
    expect(isoOrNull(lastOccurrence(r))).toBe("2021-06-15");
    expect(lastOccurrence({ every: "month" })).toBeNull();
  });
});
