export { CUSTOMER_COLUMNS, LIST_SEPARATOR, PASSWORD_COLUMNS, RELATION_COLUMNS, safeCell } from "./cells";
export {
  CsvExporter,
  type CsvOptions,
  csvStream,
  customerRows,
  customerUserRows,
  type ExportDeps,
  type ExportParams,
} from "./export";
export {
  type DryRunResult,
  IMPORT_KINDS,
  type ImportError,
  type ImportJobRecord,
  type ImportKind,
  ImportService,
  MAX_REPORTED_ERRORS,
} from "./import";
