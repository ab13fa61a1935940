// Opening a user's package for a surgical edit, with the adapters' one kind of error.
import { WorkbookFileError } from "../read";
import { Package, PackageError } from "./opc";
import { ZipError } from "./zip";
import { XmlError } from "./xml";

export function openPackage(bytes: Uint8Array, fileName: string): Package {
  try {
    const pkg = new Package(bytes);
    pkg.sheets(); // the workbook part and its sheet list must be readable before anything is changed
    return pkg;
  } catch (e) {
    if (e instanceof ZipError || e instanceof PackageError || e instanceof XmlError) {
      // The reason stays in English for developers (e.cause); the user gets what it means for them.
      throw new WorkbookFileError(`Книгу «${fileName}» не удалось разобрать для записи: её внутреннее устройство не похоже на книгу Excel (.xlsx). Файл не изменён`, { cause: e });
    }
    throw e;
  }
}
