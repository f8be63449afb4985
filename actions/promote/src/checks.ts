import { ConfigurationError, VerdictFailure, quote } from '../../../shared/src/errors';
import type { GateReport } from '../../../shared/src/gate-report';
import type { RunContext } from '../../../shared/src/ports';

/** Events on which a promotion may write the registry. A pull request's model is promoted after the merge. */
export const ALLOWED_EVENTS = ['push', 'workflow_dispatch', 'release', 'deployment'] as const;

/**
 * Refuses any event but a push to the default branch, a manual dispatch, a release or a deployment (and, off a
 * runner, the local runner's `local`). A pull request never writes the registry.
 */
export function checkEvent(context: RunContext): void {
  const name = context.eventName;
  if (!context.onRunner && name === 'local') return;
  if (name === 'workflow_dispatch' || name === 'release' || name === 'deployment') return;
  if (name === 'push') {
    const repository = context.payload['repository'] as { default_branch?: unknown } | undefined;
    const defaultBranch = typeof repository?.default_branch === 'string' ? repository.default_branch : undefined;
    if (!defaultBranch) throw new ConfigurationError('promote: the push event payload names no repository.default_branch, so the push cannot be checked to be to the default branch');
    if (context.ref === `refs/heads/${defaultBranch}`) return;
    throw new ConfigurationError(
      `promote: this push is to ${quote(context.ref ?? '')}, not to the default branch ${quote(defaultBranch)}; promote runs on a push to the default branch, workflow_dispatch, release or deployment`,
    );
  }
  throw new ConfigurationError(
    `promote: refusing to write the registry on a ${quote(name)} event; promote runs on a push to the default branch, workflow_dispatch, release or deployment (promote a pull request's model after the merge)`,
  );
}

/** The gate must have passed this very model: the same digest, and `passed: true`. */
export function checkGate(gate: GateReport, gateFile: string, modelName: string, digest: string, digestSource: string): void {
  if (gate.model !== undefined && gate.model !== modelName) {
    throw new ConfigurationError(`gate-report: ${quote(gateFile)} is the gate of model ${quote(gate.model)}, not of model-name ${quote(modelName)}`);
  }
  if (gate.candidate.modelDigest === null) {
    throw new ConfigurationError(`gate-report: ${quote(gateFile)} gated a bare metrics file, not a model; give evaluate-gate the training run record (run.json) as its candidate, so the gate binds its verdict to the model's digest`);
  }
  if (gate.candidate.modelDigest !== digest) {
    throw new ConfigurationError(
      `gate-report: the gate passed the model ${gate.candidate.modelDigest}, but ${digestSource} has digest ${digest}; promote only the exact artifact the gate evaluated`,
    );
  }
  if (!gate.passed) {
    throw new VerdictFailure(`gate-report: the model did not pass the gate (verdict ${quote(gate.verdict)} in ${quote(gateFile)}); only a model that passed is promoted`);
  }
}
