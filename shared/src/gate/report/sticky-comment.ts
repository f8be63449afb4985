/**
 * One sticky gate comment per model on a pull request: created on the first run, edited in place after that.
 *
 * Rules, and why:
 * - Every page of comments is read: on a busy PR the gate's comment can be past the first hundred.
 * - A comment is ours only when it opens with the model's marker AND its author is the identity the token acts
 *   as. The marker alone is not enough: anyone can paste it into a comment, and editing theirs would put our
 *   report under their name (or fail). The identity is asked of the API; GITHUB_TOKEN may not read /user, and
 *   then it is `github-actions[bot]`, the author of every comment GITHUB_TOKEN writes. Another user can never
 *   be that bot, so a copied marker is never edited.
 * - A run for an older commit never overwrites the report of a newer one: the comment records its commit, and
 *   we post only while the PR's head is still our commit. The head is read again just before writing, and an
 *   existing comment read again before it is edited, so a newer run that wrote in between wins.
 * - A token that may not write (the read-only token of a fork's PR) is not an error: the result says the comment
 *   was not posted and why; the fork-safe workflow posts the report artifact later.
 *
 * Talks to GitHub through StickyCommentPort (./github-comments.ts adapts the Octokit client), so the rules are
 * tested apart from HTTP.
 */
import { COMMENT_MAX_LENGTH } from './markdown';
import { hasModelMarker, withMarkers } from './comment-marker';

/** The login GITHUB_TOKEN's comments show. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface IssueComment {
  id: number;
  body: string;
  /** The author's login; null for a deleted account ("ghost"). */
  author: string | null;
  /** The comment's address on github.com. */
  url: string;
}

export interface CommentPage {
  comments: IssueComment[];
  /** True when another page follows. */
  hasNext: boolean;
}

/**
 * What the sticky comment needs of GitHub, for one pull request. Writes the token may not make throw
 * CommentWriteForbidden; anything else that fails throws whatever error explains it.
 */
export interface StickyCommentPort {
  /** The login the token acts as, or null when the API will not say (GITHUB_TOKEN cannot read /user). */
  identity(): Promise<string | null>;
  /** One page of the PR's comments, oldest first; pages count from 1. */
  listComments(page: number): Promise<CommentPage>;
  getComment(id: number): Promise<IssueComment>;
  createComment(body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<IssueComment>;
  /** The commit the pull request's head points at now. */
  headSha(): Promise<string>;
}

/** The token may not write comments here (HTTP 403 on a write): a read-only token, as on a fork's pull request. */
export class CommentWriteForbidden extends Error {
  override readonly name = 'CommentWriteForbidden';
}

export interface StickyCommentInput {
  /** The model's name (GateResult.model); one sticky comment per name. */
  model: string | undefined;
  /**
   * The commit the report is for: the pull request's head sha (pull_request.head.sha, not GITHUB_SHA, which is
   * the merge commit on pull_request events).
   */
  commit: string;
  /** The report's markdown (renderGateReport); the hidden marker lines are added here. */
  body: string;
  /**
   * The login the token's comments show, when the API cannot tell it and it is not github-actions[bot] (a GitHub
   * App's installation token: `<app-slug>[bot]`).
   */
  author?: string;
}

export type StickyCommentResult =
  | {
      posted: true;
      /** `unchanged`: our comment already said exactly this; nothing was written. */
      action: 'created' | 'updated' | 'unchanged';
      url: string;
      commentId: number;
      /** Other comments of ours with the same marker (from a race of two first runs); left as they are. */
      duplicates: number;
    }
  | {
      posted: false;
      /** `stale`: the PR has moved on to another commit; `forbidden`: the token may not write comments. */
      reason: 'stale' | 'forbidden';
      /** One line for the log, saying what was not done and why. */
      message: string;
      /** The existing sticky comment, if there is one. */
      url: string | null;
    };

/** Same commit, allowing one side to be abbreviated (at least 7 hex digits). */
export function sameCommit(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (x === y) return x !== '';
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 7 && long.startsWith(short);
}

/** Every comment of the PR, reading page after page until GitHub says there is no next one. */
export async function listAllComments(port: StickyCommentPort): Promise<IssueComment[]> {
  const all: IssueComment[] = [];
  for (let page = 1; ; page++) {
    const { comments, hasNext } = await port.listComments(page);
    all.push(...comments);
    if (!hasNext || comments.length === 0) return all;
  }
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function staleResult(head: string, commit: string, url: string | null): StickyCommentResult {
  return {
    posted: false,
    reason: 'stale',
    message: `the gate comment was not posted: the pull request's head is now ${short(head)}, not ${short(commit)} (this run's commit), so this report is out of date and the run for ${short(head)} reports instead`,
    url,
  };
}

function forbiddenResult(error: CommentWriteForbidden, url: string | null): StickyCommentResult {
  return {
    posted: false,
    reason: 'forbidden',
    message: `the gate comment was not posted: the token may not write comments on this pull request (${error.message}); a fork's pull request gets a read-only token, so post the report artifact from a workflow_run workflow`,
    url,
  };
}

/** Creates or updates the sticky comment for `input.model`; see the module comment for the rules. */
export async function upsertStickyComment(port: StickyCommentPort, input: StickyCommentInput): Promise<StickyCommentResult> {
  const body = withMarkers(input.body, input.model, input.commit);
  if (body.length > COMMENT_MAX_LENGTH) {
    throw new Error(`the gate comment is ${body.length} characters, over GitHub's ${COMMENT_MAX_LENGTH}; render it with renderGateReport's default maxLength`);
  }

  const head = await port.headSha();
  if (!sameCommit(head, input.commit)) return staleResult(head, input.commit, null);

  const author = ((await port.identity()) ?? input.author ?? ACTIONS_BOT_LOGIN).toLowerCase();
  const ours = (await listAllComments(port)).filter((c) => c.author !== null && c.author.toLowerCase() === author && hasModelMarker(c.body, input.model));
  const existing = ours[0];

  try {
    if (existing === undefined) {
      // Checked again right before writing: a push since the first look means a newer run will report.
      const headNow = await port.headSha();
      if (!sameCommit(headNow, input.commit)) return staleResult(headNow, input.commit, null);
      const created = await port.createComment(body);
      return { posted: true, action: 'created', url: created.url, commentId: created.id, duplicates: 0 };
    }
    // Read again right before editing: a run for a newer push may have written since we listed. While the head
    // is still our commit, whatever the comment holds is for our commit or one the PR no longer points at.
    const current = await port.getComment(existing.id);
    const headNow = await port.headSha();
    if (!sameCommit(headNow, input.commit)) return staleResult(headNow, input.commit, current.url);
    if (current.body === body) return { posted: true, action: 'unchanged', url: current.url, commentId: current.id, duplicates: ours.length - 1 };
    const updated = await port.updateComment(existing.id, body);
    return { posted: true, action: 'updated', url: updated.url, commentId: updated.id, duplicates: ours.length - 1 };
  } catch (error) {
    if (error instanceof CommentWriteForbidden) return forbiddenResult(error, existing?.url ?? null);
    throw error;
  }
}
