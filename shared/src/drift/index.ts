export type { CategoricalDistribution, NumericDistribution } from './distributions';
export * from './column-drift';
export { exactCategorical, exactNumeric } from './exact';
export type { ExactNumericDistribution } from './exact';
export { PSI_EPSILON, decileEdges } from './statistics';
