import { readdirSync, readFileSync } from 'node:fs';

/**
 * The pids of every process below `rootPid`, read from /proc (Linux). The runner kills an action's whole
 * process tree when it cancels a step; the actions start their commands in separate process groups, so
 * killing the action's own group would leave those behind.
 */
export function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended between listing and reading
    }
    // After the command name, which is in parentheses and may hold spaces: state ppid …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** SIGKILLs a process and everything below it; the tree is listed first, before a killed parent lets its children be re-parented to init. */
export function killTree(rootPid: number): void {
  const pids = [rootPid, ...descendants(rootPid)];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
