/** Killing a process tree is the local runner's job too (a cancelled step); the harness reuses it. */
export { descendants, killTree } from '../../shared/src/local/process-tree';
