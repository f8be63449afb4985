/**
 * Real webhook payloads from @octokit/webhooks-examples (the examples GitHub's own docs are built from), so
 * an action's event handling is tested against the shape GitHub sends rather than a hand-written guess.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type EventName =
  | 'pull_request.opened'
  | 'pull_request.synchronize'
  | 'push'
  | 'workflow_dispatch'
  | 'workflow_run.completed'
  | 'merge_group.checks_requested'
  | 'release.published'
  | 'deployment.created';

/** What runAction writes to GITHUB_EVENT_PATH and GITHUB_EVENT_NAME. */
export interface EventSpec {
  /** The event name without the action: `pull_request`, as in GITHUB_EVENT_NAME. */
  name: string;
  payload: Record<string, unknown>;
}

/** A partial payload merged into the example: objects merge key by key, anything else replaces. */
export type PayloadOverrides = Record<string, unknown>;

interface WebhookDefinition {
  name: string;
  examples: Record<string, unknown>[];
}

let definitions: WebhookDefinition[] | undefined;

function loadDefinitions(): WebhookDefinition[] {
  if (!definitions) {
    // The package's main is api.github.com/index.json: the payloads of github.com (not GHES).
    const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
    definitions = JSON.parse(readFileSync(file, 'utf8')) as WebhookDefinition[];
  }
  return definitions;
}

/**
 * Which example stands for an event. Push uses a branch push (refs/heads/…), not the tag pushes that make up
 * most of the push examples, because a branch push is what triggers the workflows these actions run in.
 */
const PICKERS: Record<EventName, (example: Record<string, unknown>) => boolean> = {
  'pull_request.opened': (e) => e['action'] === 'opened',
  'pull_request.synchronize': (e) => e['action'] === 'synchronize',
  push: (e) => typeof e['ref'] === 'string' && e['ref'].startsWith('refs/heads/'),
  workflow_dispatch: () => true,
  'workflow_run.completed': (e) => e['action'] === 'completed',
  'merge_group.checks_requested': (e) => e['action'] === 'checks_requested',
  'release.published': (e) => e['action'] === 'published',
  'deployment.created': (e) => e['action'] === 'created',
};

export function loadEvent(name: EventName, overrides: PayloadOverrides = {}): EventSpec {
  const eventName = name.split('.')[0] ?? name;
  const definition = loadDefinitions().find((d) => d.name === eventName);
  const example = definition?.examples.find(PICKERS[name]);
  if (!example) throw new Error(`@octokit/webhooks-examples has no example for ${name}`);
  // A deep copy: tests mutate their payloads, and the examples are shared by every test in the worker.
  const payload = deepMerge(structuredClone(example), overrides);
  return { name: eventName, payload };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(target: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(overrides)) {
    const current = target[key];
    target[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : structuredClone(value);
  }
  return target;
}

const PLACEHOLDER_SHA = '0123456789abcdef0123456789abcdef01234567';

/**
 * GITHUB_SHA, GITHUB_REF and the PR refs the runner derives from an event, following GitHub's table of
 * "events that trigger workflows". Where the payload does not say (the default branch's head commit for
 * workflow_dispatch, workflow_run and release), a fixed placeholder sha stands in; tests that care pass
 * GITHUB_SHA in `env`.
 */
export function refsForEvent(event: EventSpec): { sha: string; ref: string; headRef?: string; baseRef?: string } {
  const p = event.payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const defaultBranch = `refs/heads/${p.repository?.default_branch ?? 'main'}`;
  switch (event.name) {
    case 'push':
      return { sha: p.after ?? PLACEHOLDER_SHA, ref: p.ref ?? defaultBranch };
    case 'pull_request':
    case 'pull_request_target': {
      const pr = p.pull_request ?? {};
      const ref = event.name === 'pull_request' ? `refs/pull/${p.number}/merge` : `refs/heads/${pr.base?.ref ?? 'main'}`;
      // On pull_request GITHUB_SHA is the test merge commit; the examples have none, so use the head commit.
      return { sha: pr.merge_commit_sha ?? pr.head?.sha ?? PLACEHOLDER_SHA, ref, headRef: pr.head?.ref, baseRef: pr.base?.ref };
    }
    case 'merge_group':
      return { sha: p.merge_group?.head_sha ?? PLACEHOLDER_SHA, ref: p.merge_group?.head_ref ?? defaultBranch };
    case 'workflow_dispatch':
      return { sha: PLACEHOLDER_SHA, ref: p.ref ?? defaultBranch };
    case 'workflow_run':
      return { sha: PLACEHOLDER_SHA, ref: defaultBranch };
    case 'release':
      return { sha: PLACEHOLDER_SHA, ref: `refs/tags/${p.release?.tag_name ?? 'v0.0.0'}` };
    default:
      return { sha: PLACEHOLDER_SHA, ref: defaultBranch };
  }
}
