// @smart/templates: read and write SMART templates (DESIGN.md §5) as a folder of
// CSV files, one XLSX workbook or a zip of CSV files, with row-level and
// cross-file validation. See README.md for the rules and line numbering.
export {
  DEFAULT_READ_LIMITS,
  type ReadLimits,
  READ_LIMIT_ENV,
  readLimitsFromEnv,
  TemplateLimitError,
  UPLOAD_READ_LIMITS,
} from './limits';
export {
  BLANK_VALIDATED_ROWS,
  blankTemplateXlsx,
  dataValidationsOf,
  INSTRUCTIONS_SHEET,
  writeBlankTemplateFolder,
} from './blank';
export {
  type ColumnGuide,
  COMMENT_MARK,
  EXAMPLE_ROWS,
  instructionsText,
  type NumberRange,
  TABLE_GUIDE,
  type TableGuide,
} from './guide';
export {
  ADMIN_FILES,
  type AdminFile,
  AdminCsvWriter,
  adminArgs,
  adminField,
  adminHeader,
  adminLine,
  fieldOf,
  templateTableRows,
  writeAdminCsv,
} from './admin-csv';
export { formatProblem, hasErrors, type Problem } from './problems';
export {
  type ReadOptions,
  type ReadResult,
  readTemplate,
  readTemplateBuffer,
  rowLocation,
  type TemplateInput,
} from './read';
export { type RowSink, TemplateChangedError } from './collect';
export {
  indexTemplate,
  type OutsideReference,
  type TemplateIndex,
  type TemplateKinds,
  templateOfIndex,
} from './stream';
export { csvHeader, csvLine } from './csv-line';
export { escapeFormula, unescapeFormula } from './tables';
export type { ExistingIds } from './validate';
export { templateToBuffer, writeTemplate } from './write';
export { MAX_XLSX_ROWS } from './xlsx';
export { type Contributor, contributionIds, contributionProblems } from './contribution';
export {
  PROVENANCE_COLUMNS,
  PROVENANCE_FILE,
  PROVENANCE_SHEET,
  parseProvenanceCsv,
  parseProvenanceRows,
  provenanceCsv,
  provenanceRows,
  readProvenanceFile,
} from './provenance';
export { scopeTemplate, unknownScopeOrganizations, visibleIds } from './scope';
