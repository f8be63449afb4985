import type { ColumnContract, ContractSpec, DriftSetting } from './types';

/** A path in the contract file: keys and list indexes, e.g. ['columns', 'age', 'min']. */
export type ContractPath = ReadonlyArray<string | number>;

export function pathKey(path: ContractPath): string {
  return JSON.stringify(path);
}

/** A path as people read it: `columns.age.min`, `dataset.required-columns[1]`, `columns["a.b"].min`. */
export function formatPath(path: ContractPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

/** A loaded or inferred data contract. */
export class Contract {
  private readonly byName: ReadonlyMap<string, ColumnContract>;

  /**
   * @param spec what the contract says
   * @param file the file it was read from (for messages), if any
   * @param lines the line of every key of the file, by `pathKey(path)`
   * @param header comment lines written above the YAML by `writeContract` (inferred contracts say where from)
   */
  constructor(
    readonly spec: ContractSpec,
    readonly file?: string,
    private readonly lines: ReadonlyMap<string, number> = new Map(),
    readonly header: readonly string[] = [],
  ) {
    this.byName = new Map(spec.columns.map((column) => [column.name, column]));
  }

  get columns(): readonly ColumnContract[] {
    return this.spec.columns;
  }

  column(name: string): ColumnContract | undefined {
    return this.byName.get(name);
  }

  /** The column's drift setting, undefined when the contract does not set one (the drift defaults apply). */
  drift(column: string): DriftSetting | undefined {
    return this.byName.get(column)?.drift;
  }

  /** The columns every file must have: `dataset.required-columns`, by default every column of `columns`. */
  get requiredColumns(): readonly string[] {
    return this.spec.dataset.requiredColumns ?? this.spec.columns.map((column) => column.name);
  }

  /** The line of a key in the contract file (the nearest enclosing key that is written, e.g. `columns` for a default). */
  lineOf(...path: Array<string | number>): number | undefined {
    for (let n = path.length; n > 0; n--) {
      const line = this.lines.get(pathKey(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return undefined;
  }
}
