import { runWrapper } from '../../../shared/src/runtime';
export function run(): Promise<void> { return runWrapper('train', async () => {}); }
