/** The order jobs run in: every job after the jobs it needs, and otherwise in the order the file lists them. */
import { ConfigurationError } from '../../errors';
import type { JobDefinition } from './load';

export function jobOrder(jobs: Map<string, JobDefinition>, label: string): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    const seen = state.get(id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      throw new ConfigurationError(`${label}:${jobs.get(id)?.line ?? 1}: jobs.${id}.needs: the jobs need each other in a cycle: ${cycle.join(' → ')}`);
    }
    state.set(id, 'visiting');
    for (const need of jobs.get(id)?.needs ?? []) visit(need, [...trail, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of jobs.keys()) visit(id, []);
  return order;
}

/** Every job `id` needs, directly or through another. */
export function ancestors(jobs: Map<string, JobDefinition>, id: string): Set<string> {
  const found = new Set<string>();
  const queue = [...(jobs.get(id)?.needs ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (found.has(next)) continue;
    found.add(next);
    queue.push(...(jobs.get(next)?.needs ?? []));
  }
  return found;
}
