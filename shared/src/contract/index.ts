/** The data contract: load (with lines for every error), check record batches, infer from a summary, write. */
export { Contract, formatPath } from './contract';
export { ContractChecker, type CheckerOptions } from './checker';
export { contractKeysMarkdown } from './docs';
export { inferContract, INFERENCE, type ColumnSummary, type DatasetSummary, type InferOptions } from './infer';
export { loadContract, parseContract } from './load';
export { writeContract, type WriteOptions } from './write';
export type * from './types';
export { COLUMN_TYPES, DRIFT_METHODS } from './types';
