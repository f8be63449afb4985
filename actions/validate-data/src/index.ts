import { runWithNodeFlags } from '../../../shared/src/runtime/relaunch'; void runWithNodeFlags(['--max-semi-space-size=16'], async () => (await import('./main')).run());
