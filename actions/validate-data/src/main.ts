import { runWrapper } from '../../../shared/src/runtime/run-wrapper';
import { notAvailable } from '../../../shared/src/inputs';

/** This action's logic arrives in a later version; until then it fails at once with one clear line. */
export function run(): Promise<void> {
  return runWrapper('validate-data', async () => notAvailable('validate-data'));
}
