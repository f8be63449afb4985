import { escapeMarkdown, markdownCode, markdownTable } from '../../../shared/src/markdown';
import type { JobSummary, OutputSink } from '../../../shared/src/ports';

/** What a promotion or rollback did, for the outputs and the job summary. */
export interface PromoteResult {
  kind: 'promote' | 'rollback';
  model: string;
  stage: string;
  version: string;
  tag: string;
  /** The stage assignment tag (the existing one when the version held the stage already). */
  stageTag: string;
  /** The version that held the stage before, or undefined. */
  previousVersion?: string;
  artifactUrl: string;
  modelDigest: string;
  /** False when the version was registered already (a re-run). */
  registered: boolean;
  /** False when the version held the stage already and no tag was written. */
  assigned: boolean;
  reason?: string;
  workflowRunUrl: string | null;
}

export function setPromoteOutputs(outputs: OutputSink, result: PromoteResult): void {
  outputs.set('version', result.version);
  outputs.set('tag', result.tag);
  outputs.set('stage-tag', result.stageTag);
  outputs.set('previous-version', result.previousVersion ?? '');
  outputs.set('artifact-url', result.artifactUrl);
  outputs.set('model-digest', result.modelDigest);
}

/** The job summary: version, stage, previous version, digest and links. Every value is escaped. */
export function appendPromoteSummary(summary: JobSummary, result: PromoteResult): void {
  const title = result.kind === 'rollback' ? 'Rollback' : 'Promote';
  const rows: string[][] = [
    ['Model', markdownCode(result.model)],
    ['Version', `${markdownCode(result.version)} (tag ${markdownCode(result.tag)}${result.kind === 'promote' ? (result.registered ? ', registered now' : ', registered before') : ''})`],
    ['Stage', `${markdownCode(result.stage)} (${result.assigned ? `tag ${markdownCode(result.stageTag)}` : `held already, tag ${markdownCode(result.stageTag)}`})`],
    ['Previous version', result.previousVersion ? markdownCode(result.previousVersion) : 'none'],
    ['Model digest', markdownCode(result.modelDigest)],
    ['Artifact', link(result.artifactUrl)],
  ];
  if (result.reason) rows.push(['Reason', escapeMarkdown(result.reason)]);
  if (result.workflowRunUrl) rows.push(['Workflow run', link(result.workflowRunUrl)]);
  summary.append(`### ${title}: ${escapeMarkdown(result.model)} ${escapeMarkdown(result.version)} → ${escapeMarkdown(result.stage)}\n\n${markdownTable(['', ''], rows)}\n`);
}

/** A link for an http(s) URL (the text escaped, the target percent-encoded where markdown would break); anything else as code. */
function link(url: string): string {
  if (!/^https?:\/\//.test(url)) return markdownCode(url);
  const target = encodeURI(decodeURISafe(url)).replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(url)}](${target})`;
}

function decodeURISafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
