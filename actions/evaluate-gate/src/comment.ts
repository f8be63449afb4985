import type { GateResult } from '../../../shared/src/gate/types';
import { githubCommentsPort, upsertStickyComment } from '../../../shared/src/gate/report';
import type { RunContext } from '../../../shared/src/ports';
import type { ActionRuntime } from '../../../shared/src/runtime';
import { createGitHubClient } from '../../../shared/src/runtime/github';
import type { GateSettings } from './inputs';
import { uploadReportArtifact } from './report-artifact';

/** The pull request a run is for, from its event payload. */
export interface PullRequestInfo {
  owner: string;
  repo: string;
  number: number;
  /** pull_request.head.sha: the commit the candidate was built from (GITHUB_SHA is the test merge commit). */
  headSha: string;
}

export interface CommentOutcome {
  posted: boolean;
  url?: string;
}

/** The pull request of a `pull_request` or `pull_request_target` event (any event whose payload has one). */
export function pullRequestOf(context: RunContext): PullRequestInfo | undefined {
  const pr = context.payload['pull_request'] as { number?: unknown; head?: { sha?: unknown } } | undefined;
  const [owner, repo] = (context.repository ?? '').split('/');
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string' || !owner || !repo) return undefined;
  return { owner, repo, number: pr.number, headSha: pr.head.sha };
}

/**
 * Posts or updates the sticky comment. A comment that cannot be posted is not a failure of the gate: a fork's
 * read-only token, or a newer commit on the PR, leave a warning (the fork-safe workflow posts the report from its
 * artifact), and the verdict stands on its own.
 */
export async function postComment(settings: GateSettings, runtime: ActionRuntime, result: GateResult, markdown: string, pr: PullRequestInfo | undefined): Promise<CommentOutcome> {
  const { logger, context } = runtime;
  if (settings.comment === 'never') {
    logger.info('comment: never; the report is in the job summary and the markdown file.');
    return { posted: false };
  }
  if (!pr) {
    const say = `This run is not for a pull request (event ${context.eventName}): no comment; the report is in the job summary.`;
    if (settings.comment === 'always') logger.warning(`comment: always, but ${say.charAt(0).toLowerCase()}${say.slice(1)}`);
    else logger.info(say);
    return { posted: false };
  }
  if (!settings.githubToken) {
    logger.warning('github-token: empty, so the report was not posted on the pull request; it is in the job summary.');
    await uploadReportArtifact(settings, runtime, result, pr);
    return { posted: false };
  }
  const client = createGitHubClient(settings.githubToken, { tokenInput: 'github-token', apiUrl: context.apiUrl, logger });
  const port = githubCommentsPort(client, { owner: pr.owner, repo: pr.repo, pullNumber: pr.number });
  const outcome = await upsertStickyComment(port, { model: result.model, commit: pr.headSha, body: markdown });
  if (outcome.posted) {
    logger.info(`The report is on pull request #${pr.number}: ${outcome.url} (${outcome.action}).`);
    return { posted: true, url: outcome.url };
  }
  logger.warning(outcome.message);
  // A newer commit's run reports for itself; a read-only token's report is posted by the fork-safe workflow.
  if (outcome.reason === 'forbidden') await uploadReportArtifact(settings, runtime, result, pr);
  return { posted: false, ...(outcome.url ? { url: outcome.url } : {}) };
}
