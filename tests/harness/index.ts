/** The integration-test harness: run a bundle as the runner does, against fake GitHub, cache and artifact services. */
export { node24, majorVersion, REPO_ROOT } from './node';
export { runAction, inputVariable, buildInputEnv, readActionInputs, type ActionResult, type RunActionOptions } from './run-action';
export { loadEvent, deepMerge, refsForEvent, type EventName, type EventSpec, type PayloadOverrides } from './events';
export { startGitHubServer, ACTIONS_BOT, GitHubState, type GitHubServer, type GitHubServerOptions, type RouteMatcher, type Json, type Release, type ReleaseAsset, type RepoState, type TokenInfo } from './github-server';
export { startCacheServer, findEntry, type CacheEntry, type CacheServer } from './cache-server';
export { startArtifactServer, readZip, runtimeToken, type ArtifactServer, type StoredArtifact } from './artifact-server';
export { createGitRepo, GIT_IDENTITY, type GitRepo, type GitRepoOptions } from './git-repo';
export { parseWorkflowCommands, parseCommandLine, unescapeData, unescapeProperty, type Annotation, type AnnotationLevel, type ParsedLog, type WorkflowCommand } from './workflow-commands';
export { parseKeyValueFile, parsePathFile } from './file-commands';
export { type RecordedRequest } from './http-util';
export { makeTempDir, removeTempDir } from './temp';
export { EXAMPLE_DIR, EXAMPLE_TRAIN_STEP, EXAMPLE_VALIDATE_STEP, checkoutExample } from './example-project';
export { silentLogger } from './logger';
