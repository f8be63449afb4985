import { contractSchema, resolveSchema, type SchemaNode } from './load';

/**
 * The reference table of every contract key, generated from shared/schemas/contract.schema.json so the docs and
 * the schema cannot disagree (docs/contract.md holds it between the `contract-keys` markers; a test compares).
 */
export function contractKeysMarkdown(): string {
  const rows: string[][] = [];
  const visit = (schema: SchemaNode, key: string): void => {
    const resolved = resolveSchema(schema);
    rows.push([`\`${key}\``, typeText(resolved), defaultText(resolved), oneLine(resolved.description ?? schema.description ?? '')]);
    const objectBranch = resolved.anyOf?.map(resolveSchema).find((option) => option.properties);
    const properties = resolved.properties ?? objectBranch?.properties;
    if (properties) for (const [name, child] of Object.entries(properties)) visit(child, `${key}.${name}`);
    if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') {
      const column = resolveSchema(resolved.additionalProperties);
      for (const [name, child] of Object.entries(column.properties ?? {})) visit(child, `${key}.<name>.${name}`);
    }
  };
  for (const [name, child] of Object.entries(contractSchema.properties ?? {})) visit(child, name);
  const header = ['key', 'value', 'default', 'meaning'];
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function typeText(schema: SchemaNode): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(', ');
  if (schema.anyOf) return schema.anyOf.map((option) => typeText(resolveSchema(option))).join(', or ');
  const types = [schema.type ?? 'any'].flat().filter((type) => type !== 'null');
  const words: Record<string, string> = { object: 'mapping', array: 'list', number: 'number', integer: 'integer', string: 'text', boolean: 'true/false' };
  let text = types.map((type) => words[type] ?? type).join(' or ');
  if (schema.items) text += ` of ${typeText(resolveSchema(schema.items))}`;
  const low = schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : schema.minimum !== undefined ? `≥ ${schema.minimum}` : '';
  const high = schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : schema.maximum !== undefined ? `≤ ${schema.maximum}` : '';
  if (low || high) text += ` (${[low, high].filter(Boolean).join(', ')})`;
  return text;
}

function defaultText(schema: SchemaNode): string {
  return schema.default === undefined ? '' : `\`${JSON.stringify(schema.default).replace(/^"|"$/g, '')}\``;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}
