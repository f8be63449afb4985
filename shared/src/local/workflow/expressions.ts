/**
 * GitHub's `${{ }}` expression language, the subset workflows use: literals, context property access (`a.b`,
 * `a['b']`), `!`, comparisons, `&&` / `||` (which yield an operand, not a boolean) and parentheses, and the
 * functions success() failure() always() cancelled() contains() startsWith() endsWith() format() join()
 * toJSON() fromJSON(). Comparison and truthiness follow GitHub's rules: loose equality that coerces to
 * numbers across types and ignores case between strings; null, false, 0, '' and NaN are falsy.
 */

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'op'; value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new ExpressionError(`an unterminated string in ${JSON.stringify(source)}`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    const number = /^(0x[0-9a-f]+|-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(source.slice(i));
    // A minus sign is part of a number only where an operand may start (there is no subtraction).
    if (number && (ch !== '-' || tokens.length === 0 || tokens[tokens.length - 1]?.kind === 'op')) {
      const previous = tokens[tokens.length - 1];
      if (!(previous?.kind === 'op' && previous.value === '.')) {
        tokens.push({ kind: 'number', value: Number(number[0]) });
        i += number[0].length;
        continue;
      }
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*|^\*/.exec(source.slice(i));
    if (word) {
      tokens.push({ kind: 'word', value: word[0] });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op) {
      tokens.push({ kind: 'op', value: op });
      i += op.length;
      continue;
    }
    throw new ExpressionError(`unexpected ${JSON.stringify(ch)} at column ${i + 1} of ${JSON.stringify(source)}`);
  }
  return tokens;
}

type Node =
  | { type: 'literal'; value: Value }
  | { type: 'context'; name: string }
  | { type: 'member'; object: Node; property: Node | '*' }
  | { type: 'not'; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] };

/** Precedence climbing: || < && < == != < < <= > >= < ! < member access and calls. */
class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new ExpressionError('an empty expression');
    const node = this.binary(0);
    if (this.position < this.tokens.length) throw this.unexpected();
    return node;
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>=']];

  private binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'op' && Parser.LEVELS[level]?.includes(token.value)) {
        this.position++;
        left = { type: 'binary', op: token.value, left, right: this.binary(level + 1) };
      } else return left;
    }
  }

  private unary(): Node {
    const token = this.peek();
    if (token?.kind === 'op' && token.value === '!') {
      this.position++;
      return { type: 'not', operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private primary(): Node {
    const token = this.next();
    if (!token) throw new ExpressionError(`${JSON.stringify(this.source)} ends too early`);
    if (token.kind === 'number' || token.kind === 'string') return { type: 'literal', value: token.value };
    if (token.kind === 'op' && token.value === '(') {
      const inner = this.binary(0);
      this.expect(')');
      return inner;
    }
    if (token.kind === 'word') {
      if (token.value === 'true') return { type: 'literal', value: true };
      if (token.value === 'false') return { type: 'literal', value: false };
      if (token.value === 'null') return { type: 'literal', value: null };
      const after = this.peek();
      if (after?.kind === 'op' && after.value === '(') {
        this.position++;
        const args: Node[] = [];
        if (!(this.peek()?.kind === 'op' && this.peek()?.value === ')')) {
          for (;;) {
            args.push(this.binary(0));
            const separator = this.next();
            if (separator?.kind === 'op' && separator.value === ')') break;
            if (!(separator?.kind === 'op' && separator.value === ',')) throw this.unexpected(separator);
          }
        } else this.position++;
        return { type: 'call', name: token.value, args };
      }
      return { type: 'context', name: token.value };
    }
    throw this.unexpected(token);
  }

  private postfix(node: Node): Node {
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'op' && token.value === '.') {
        this.position++;
        const name = this.next();
        if (name?.kind !== 'word') throw this.unexpected(name);
        node = { type: 'member', object: node, property: name.value === '*' ? '*' : { type: 'literal', value: name.value } };
      } else if (token?.kind === 'op' && token.value === '[') {
        this.position++;
        const star = this.peek();
        if (star?.kind === 'word' && star.value === '*') {
          this.position++;
          node = { type: 'member', object: node, property: '*' };
        } else node = { type: 'member', object: node, property: this.binary(0) };
        this.expect(']');
      } else return node;
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
  private next(): Token | undefined {
    return this.tokens[this.position++];
  }
  private expect(op: string): void {
    const token = this.next();
    if (!(token?.kind === 'op' && token.value === op)) throw this.unexpected(token);
  }
  private unexpected(token: Token | undefined = this.peek()): ExpressionError {
    return new ExpressionError(token ? `unexpected ${JSON.stringify(String(token.value))} in ${JSON.stringify(this.source)}` : `${JSON.stringify(this.source)} ends too early`);
  }
}

export function parseExpression(source: string): Node {
  return new Parser(tokenize(source), source).parse();
}

/** What an expression can see: the contexts by name, and the job's status for the status functions. */
export interface EvaluationScope {
  contexts: Record<string, Value>;
  /** success(): the previous steps (or the needed jobs) all succeeded. */
  success: () => boolean;
  /** failure(): a previous step (or an ancestor job) failed. */
  failure: () => boolean;
  cancelled: () => boolean;
}

export function evaluate(node: Node, scope: EvaluationScope): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'context': {
      if (!(node.name in scope.contexts)) throw new ExpressionError(`unknown context ${JSON.stringify(node.name)}; available here: ${Object.keys(scope.contexts).join(', ')}`);
      return scope.contexts[node.name] ?? null;
    }
    case 'member': {
      const object = evaluate(node.object, scope);
      if (node.property === '*') {
        if (Array.isArray(object)) return object;
        return object !== null && typeof object === 'object' ? Object.values(object) : [];
      }
      const key = evaluate(node.property, scope);
      if (Array.isArray(object)) {
        // A filtered array (`a.*.b`) maps the access over its items.
        if (typeof key === 'number') return object[key] ?? null;
        return object.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? lookup(item, String(key)) : null));
      }
      if (object !== null && typeof object === 'object') return lookup(object, toText(key));
      return null;
    }
    case 'not':
      return !truthy(evaluate(node.operand, scope));
    case 'binary': {
      if (node.op === '&&') {
        const left = evaluate(node.left, scope);
        return truthy(left) ? evaluate(node.right, scope) : left;
      }
      if (node.op === '||') {
        const left = evaluate(node.left, scope);
        return truthy(left) ? left : evaluate(node.right, scope);
      }
      return compare(node.op, evaluate(node.left, scope), evaluate(node.right, scope));
    }
    case 'call':
      return call(node.name, node.args, scope);
  }
}

/** Context property names are case-insensitive on GitHub. */
function lookup(object: { [key: string]: Value }, key: string): Value {
  if (key in object) return object[key] ?? null;
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return found === undefined ? null : (object[found] ?? null);
}

export function truthy(value: Value): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value.trim());
  return Number.NaN;
}

/** How a value reads inside a string: null is empty, objects and arrays are JSON. */
export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

function looseEquals(left: Value, right: Value): boolean {
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase();
  if (left !== null && typeof left === 'object') return left === right;
  if (right !== null && typeof right === 'object') return false;
  if (typeof left === typeof right && typeof left !== 'string') return left === right;
  return toNumber(left) === toNumber(right);
}

function compare(op: string, left: Value, right: Value): boolean {
  if (op === '==') return looseEquals(left, right);
  if (op === '!=') return !looseEquals(left, right);
  let a: number | string;
  let b: number | string;
  if (typeof left === 'string' && typeof right === 'string') {
    a = left.toLowerCase();
    b = right.toLowerCase();
  } else {
    a = toNumber(left);
    b = toNumber(right);
  }
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function arity(name: string, args: Node[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new ExpressionError(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`);
}

function call(name: string, args: Node[], scope: EvaluationScope): Value {
  const values = (): Value[] => args.map((arg) => evaluate(arg, scope));
  switch (name.toLowerCase()) {
    case 'success':
      arity(name, args, 0);
      return scope.success();
    case 'failure':
      arity(name, args, 0);
      return scope.failure();
    case 'always':
      arity(name, args, 0);
      return true;
    case 'cancelled':
      arity(name, args, 0);
      return scope.cancelled();
    case 'contains': {
      arity(name, args, 2);
      const [haystack = null, needle = null] = values();
      if (Array.isArray(haystack)) return haystack.some((item) => looseEquals(item, needle));
      return toText(haystack).toLowerCase().includes(toText(needle).toLowerCase());
    }
    case 'startswith': {
      arity(name, args, 2);
      const [text = null, prefix = null] = values();
      return toText(text).toLowerCase().startsWith(toText(prefix).toLowerCase());
    }
    case 'endswith': {
      arity(name, args, 2);
      const [text = null, suffix = null] = values();
      return toText(text).toLowerCase().endsWith(toText(suffix).toLowerCase());
    }
    case 'format': {
      if (args.length < 1) throw new ExpressionError('format() needs a format string');
      const [pattern = null, ...rest] = values();
      return format(toText(pattern), rest);
    }
    case 'join': {
      arity(name, args, 1, 2);
      const [items = null, separator = ','] = values();
      return Array.isArray(items) ? items.map(toText).join(toText(separator)) : toText(items);
    }
    case 'tojson':
      arity(name, args, 1);
      return JSON.stringify(values()[0] ?? null, null, 2);
    case 'fromjson': {
      arity(name, args, 1);
      const text = toText(values()[0] ?? null);
      try {
        return JSON.parse(text) as Value;
      } catch {
        throw new ExpressionError(`fromJSON(): ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} is not JSON`);
      }
    }
    default:
      throw new ExpressionError(`the function ${name}() is not supported by the local executor (it supports success, failure, always, cancelled, contains, startsWith, endsWith, format, join, toJSON, fromJSON)`);
  }
}

/** format('{0} and {1}', a, b); `{{` and `}}` are literal braces. */
function format(pattern: string, args: Value[]): string {
  return pattern.replace(/\{\{|\}\}|\{(\d+)\}/g, (match, index: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const position = Number(index);
    if (position >= args.length) throw new ExpressionError(`format(): {${position}} has no argument`);
    return toText(args[position] ?? null);
  });
}

/** True when the expression calls a status function, which turns off the implicit success() of an `if:`. */
export function usesStatusFunction(node: Node): boolean {
  switch (node.type) {
    case 'call':
      return ['success', 'failure', 'always', 'cancelled'].includes(node.name.toLowerCase()) || node.args.some(usesStatusFunction);
    case 'member':
      return usesStatusFunction(node.object) || (node.property !== '*' && usesStatusFunction(node.property));
    case 'not':
      return usesStatusFunction(node.operand);
    case 'binary':
      return usesStatusFunction(node.left) || usesStatusFunction(node.right);
    default:
      return false;
  }
}
