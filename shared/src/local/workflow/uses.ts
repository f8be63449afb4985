/**
 * What a step's `uses:` names: one of our actions (run through the local runner), or one of the few
 * third-party actions the executor emulates. Anything else cannot run here.
 */

export type EmulatedAction = 'checkout' | 'setup-node' | 'setup-python' | 'upload-artifact' | 'download-artifact' | 'attest-build-provenance';

export type UsesKind = { kind: 'ours'; action: string } | { kind: 'emulated'; action: EmulatedAction };

const EMULATED: readonly EmulatedAction[] = ['checkout', 'setup-node', 'setup-python', 'upload-artifact', 'download-artifact', 'attest-build-provenance'];

export function classifyUses(uses: string): UsesKind | undefined {
  const local = /^\.\/actions\/([a-z0-9-]+)\/?$/.exec(uses);
  if (local?.[1]) return { kind: 'ours', action: local[1] };
  const remote = /^[A-Za-z0-9_.-]+\/mlops-actions\/actions\/([a-z0-9-]+)@[^\s]+$/.exec(uses);
  if (remote?.[1]) return { kind: 'ours', action: remote[1] };
  const thirdParty = /^actions\/([a-z-]+)@[^\s]+$/.exec(uses);
  if (thirdParty?.[1] && (EMULATED as readonly string[]).includes(thirdParty[1])) return { kind: 'emulated', action: thirdParty[1] as EmulatedAction };
  return undefined;
}
