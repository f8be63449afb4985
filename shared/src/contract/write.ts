import { Document, isPair, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { Contract } from './contract';
import type { ColumnContract, DatasetContract } from './types';

/** The contract's JSON Schema where an editor can fetch it: the file in the repository at the v1 tag (its $id is a name, not a file). */
export const CONTRACT_SCHEMA_URL = 'https://raw.githubusercontent.com/mlops-actions/mlops-actions/v1/shared/schemas/contract.schema.json';

export interface WriteOptions {
  /** Where editors find the JSON Schema (`# yaml-language-server: $schema=…`); default: CONTRACT_SCHEMA_URL. */
  schemaUrl?: string;
}

/** The contract's YAML: the header comment, then the keys in a stable order (the order of docs/contract.md). */
export function writeContract(contract: Contract, options: WriteOptions = {}): string {
  const data: Record<string, unknown> = { version: 1 };
  // A Map keeps the columns in their order: an object would put names like `1` first (and treat `__proto__` apart).
  const columns = new Map<string, unknown>();
  for (const column of contract.columns) columns.set(column.name, columnData(column));
  data.columns = columns;
  const dataset = datasetData(contract.spec.dataset);
  if (Object.keys(dataset).length > 0) data.dataset = dataset;
  if (contract.spec.records !== undefined) data.records = contract.spec.records;

  const document = new Document(data);
  // Short lists (allowed values, column names) read best on one line.
  visit(document, {
    Seq(_, node) {
      if (isSeq(node)) node.flow = true;
    },
    Scalar(_, node, path) {
      if (typeof node.value !== 'string') return;
      const parent = path[path.length - 1];
      const key = isPair(parent) && parent.value === node && isScalar(parent.key) ? parent.key.value : undefined;
      if (key === 'drift') return;
      // Quoted where another YAML reader (1.1: PyYAML, older editors) would see a boolean or a date, and regexes.
      if (key === 'regex') node.type = Scalar.QUOTE_SINGLE;
      else if (YAML_11_SPECIAL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const schemaUrl = options.schemaUrl ?? CONTRACT_SCHEMA_URL;
  const header = [`yaml-language-server: $schema=${schemaUrl}`, ...contract.header].map((line) => (line ? `# ${line}` : '#'));
  return `${header.join('\n')}\n${document.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

const YAML_11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|\d{4}-\d{2}-\d{2}.*)$/;

function columnData(column: ColumnContract): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) out[key] = value;
  };
  set('type', column.type);
  set('description', column.description);
  set('nullable', column.nullable);
  set('max-null-fraction', column.maxNullFraction);
  set('min', column.min);
  set('max', column.max);
  set('regex', column.regex);
  set('min-length', column.minLength);
  set('max-length', column.maxLength);
  set('allowed', column.allowed);
  set('unique', column.unique);
  set('mostly', column.mostly);
  set('severity', column.severity);
  set('drift', column.drift);
  return out;
}

function datasetData(dataset: DatasetContract): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const compact = (entries: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  if (dataset.rows) out.rows = compact({ min: dataset.rows.min, max: dataset.rows.max, severity: dataset.rows.severity });
  if (dataset.rowsChange) out['rows-change'] = compact({ 'max-relative': dataset.rowsChange.maxRelative, severity: dataset.rowsChange.severity });
  if (dataset.freshness) out.freshness = compact({ column: dataset.freshness.column, 'max-age': dataset.freshness.maxAge, severity: dataset.freshness.severity });
  if (dataset.requiredColumns) out['required-columns'] = dataset.requiredColumns;
  if (dataset.forbiddenColumns) out['forbidden-columns'] = dataset.forbiddenColumns;
  if (dataset.columnOrder !== undefined) out['column-order'] = dataset.columnOrder;
  return out;
}
