// Why a workbook could not be read. The reader knows no user's language: `code` says what went wrong and
// the fields say where; the adapter words it (messageOf below is a ready Russian wording it may use).

export type ReaderErrorCode =
  | "empty" // a file of 0 bytes
  | "encrypted" // an OLE compound file: a password-protected workbook or an old .xls
  | "not-xlsx" // not a zip, or a zip without a workbook part
  | "corrupt" // a broken zip, a part that does not inflate, XML that cannot be scanned
  | "too-large" // the package's limits (inflated size, entries)
  | "too-many-cells" // the cell-count limit
  | "row-out-of-range" // a row number beyond Excel's 1 048 576 (or below 1)
  | "column-out-of-range" // a column beyond Excel's XFD (16 384)
  | "no-sheets"; // a workbook without a single worksheet

export class ReaderError extends Error {
  constructor(
    readonly code: ReaderErrorCode,
    message: string,
    readonly detail: { readonly sheet?: string; readonly row?: number; readonly column?: number; readonly limit?: number } = {},
  ) {
    super(message);
    this.name = "ReaderError";
  }
}

/** Excel's sheet size (ECMA-376 Part 1, §18.3.1.73 and Excel's specifications and limits). */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

/** One Russian sentence for the user, in the words of src/xlsx/read.ts. */
export function messageOf(e: ReaderError, fileName: string): string {
  const f = `«${fileName}»`;
  switch (e.code) {
    case "empty":
      return `Файл ${f} пуст`;
    case "encrypted":
      return `Файл ${f} защищён паролем или сохранён в старом формате .xls. Снимите пароль или сохраните книгу как .xlsx`;
    case "not-xlsx":
      return `Файл ${f} — не книга Excel (.xlsx)`;
    case "corrupt":
      return `Файл ${f} повреждён или не является книгой Excel (.xlsx)`;
    case "too-large":
      return `Книга ${f} слишком велика для чтения`;
    case "too-many-cells":
      return `В книге ${f} больше ${(e.detail.limit ?? 0).toLocaleString("ru-RU")} заполненных ячеек: такую книгу программа не читает`;
    case "row-out-of-range":
      return `Лист «${e.detail.sheet ?? ""}» книги ${f} содержит строку с номером ${e.detail.row}, а в Excel их не больше 1 048 576: файл повреждён`;
    case "column-out-of-range":
      return `Лист «${e.detail.sheet ?? ""}» книги ${f} содержит столбец с номером ${e.detail.column}, а в Excel их не больше 16 384 (XFD): файл повреждён`;
    case "no-sheets":
      return `В книге ${f} нет ни одного листа`;
  }
}
