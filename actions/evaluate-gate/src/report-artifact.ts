import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GateResult } from '../../../shared/src/gate/types';
import type { ActionRuntime } from '../../../shared/src/runtime';
import type { PullRequestInfo } from './comment';
import type { GateSettings } from './inputs';

/** What the fork-safe workflow (ml-pr-comment.yml) reads to know where the report goes; it checks it, never trusts it. */
export interface ReportTarget {
  schemaVersion: 1;
  pullRequest: number;
  headSha: string;
  model: string | null;
}

/** The artifact's name: one per model, in the characters artifact names allow. */
export function reportArtifactName(model: string | undefined): string {
  return `mlops-gate-report${model ? `-${model.replace(/[^A-Za-z0-9._-]+/g, '-')}` : ''}`;
}

/**
 * When the comment could not be posted (a fork's read-only token), the report goes up as a workflow artifact:
 * gate.md, gate.json and target.json. The workflow_run template downloads it and posts the comment with a token
 * that may write. An upload that fails is a warning: the gate's verdict does not depend on it.
 */
export async function uploadReportArtifact(settings: GateSettings, runtime: ActionRuntime, result: GateResult, pr: PullRequestInfo): Promise<void> {
  const uploader = runtime.artifacts();
  const name = reportArtifactName(settings.modelName);
  if (!uploader) {
    runtime.logger.warning(`There is no artifact service here (not on a runner, and MLOPS_ARTIFACT_DIR is not set): the report for the fork-safe comment workflow was not uploaded as ${name}.`);
    return;
  }
  const folder = await mkdtemp(path.join(runtime.context.tempDir, 'mlops-gate-report-'));
  try {
    const target: ReportTarget = { schemaVersion: 1, pullRequest: pr.number, headSha: pr.headSha, model: result.model ?? null };
    await copyFile(settings.markdown, path.join(folder, 'gate.md'));
    await copyFile(settings.report, path.join(folder, 'gate.json'));
    await writeFile(path.join(folder, 'target.json'), `${JSON.stringify(target, null, 2)}\n`);
    const files = ['gate.md', 'gate.json', 'target.json'].map((file) => path.join(folder, file));
    await uploader.upload(name, files, folder);
    runtime.logger.info(`The report is the artifact ${name}, for the workflow_run workflow that posts it (workflows-templates/ml-pr-comment.yml).`);
  } catch (error) {
    runtime.logger.warning(`The report could not be uploaded as the artifact ${name}: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
