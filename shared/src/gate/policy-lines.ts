import { isAlias, isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A path in the policy file: keys and list indexes, e.g. ['metrics', 'accuracy', 'slices', 0, 'min']. */
export type PolicyPath = ReadonlyArray<string | number>;

/**
 * The line of every key (and list item) of a YAML or JSON document, so a mistake found after parsing (by the
 * schema, or by a rule the schema cannot say) is reported at its line. YAML's parser reads JSON too.
 */
export class KeyLines {
  private readonly lines = new Map<string, number>();

  constructor(text: string) {
    const lineCounter = new LineCounter();
    const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: false });
    const lineAt = (node: Node | null | undefined): number | undefined => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
    const visit = (node: unknown, at: PolicyPath): void => {
      if (isAlias(node)) return; // An alias's keys are written (and reported) where its anchor is.
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          const name = key && 'value' in key ? String((key as { value: unknown }).value) : String(key);
          const line = lineAt(key);
          if (line !== undefined) this.lines.set(JSON.stringify([...at, name]), line);
          visit(pair.value, [...at, name]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => {
          const line = lineAt(item as Node);
          if (line !== undefined) this.lines.set(JSON.stringify([...at, index]), line);
          visit(item, [...at, index]);
        });
      }
    };
    visit(document.contents, []);
  }

  /** The line of a key, or of the nearest enclosing key that is written; 1 for the document itself. */
  lineOf(path: PolicyPath): number {
    for (let n = path.length; n > 0; n--) {
      const line = this.lines.get(JSON.stringify(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return 1;
  }
}
