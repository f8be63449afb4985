// Types of scripts/readme-usage.mjs, for the tests that import it.
export declare const USES_PREFIX: string;
export declare const USES_REF: string;
export declare const WRAP_COLUMNS: number;
export declare function renderUsage(name: string, actionYml: string): string;
export declare function updateReadme(
  readme: string,
  blocks: Record<string, string>,
): { text: string; stale: string[]; missing: string[]; unknown: string[] };
export declare function renderAll(root: string): Promise<Record<string, string>>;
export declare function checkReadme(root: string): Promise<string[]>;
export declare function describeProblems(
  result: { stale: string[]; missing: string[]; unknown: string[] },
  check: boolean,
): string[];
