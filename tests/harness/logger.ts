import type { Logger } from '../../shared/src/ports';

/** A Logger that drops everything, for tests of logic that logs but whose log is not what is tested. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_name, fn) => fn(),
  mask: () => undefined,
};
