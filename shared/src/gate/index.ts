/**
 * The gate's policy and decision (the report is shared/src/gate/report/, the statistics shared/src/evaluation/).
 * docs/gate-policy.md documents the policy, the change formula and the verdicts.
 */
export { computeChange, gain, reachesImprovement, withinRegression, type Change } from './change';
export { decideGate, type GateDecision, type GateDecisionInput, type MetricValues, type SliceMeasurement, type TestSetDigests } from './decide';
export {
  COMPUTABLE_METRICS,
  isComputableMetric,
  metricDirection,
  POLICY_DEFAULTS,
  type ChangeLimit,
  type ComputableMetric,
  type FirstRun,
  type GatePolicy,
  type MetricPolicy,
  type SliceRule,
  type TestMethod,
  type Thresholds,
  type TooSmall,
} from './policy';
export { GATE_POLICY_SCHEMA, loadGatePolicy, parseGatePolicy } from './policy-load';
export { describeRule } from './wording';
export type * from './types';
