/** The gate's report: GateResult -> markdown, and the sticky PR comment that carries it. */
export { COMMENT_MAX_LENGTH, REPORT_MAX_LENGTH, renderGateReport, type ReportOptions } from './markdown';
export { commitMarker, hasModelMarker, markedCommit, modelMarker, withMarkers } from './comment-marker';
export {
  ACTIONS_BOT_LOGIN,
  CommentWriteForbidden,
  upsertStickyComment,
  type CommentPage,
  type IssueComment,
  type StickyCommentInput,
  type StickyCommentPort,
  type StickyCommentResult,
} from './sticky-comment';
export { githubCommentsPort, type PullRequestRef } from './github-comments';
