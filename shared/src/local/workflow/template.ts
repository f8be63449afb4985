/**
 * `${{ }}` in workflow values. Substitution is textual, as on GitHub: the runner replaces each expression with
 * its value before the step sees the string, so a `run:` script gets the text pasted in (which is why the
 * templates pass untrusted text through `env:` instead).
 */
import { evaluate, ExpressionError, parseExpression, toText, truthy, usesStatusFunction, type EvaluationScope, type Value } from './expressions';

interface Segment {
  text?: string;
  expression?: string;
}

/** Splits a string into text and `${{ … }}` expressions; a `}}` inside a quoted string does not end one. */
export function splitTemplate(source: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf('${{', i);
    if (start < 0) {
      segments.push({ text: source.slice(i) });
      break;
    }
    if (start > i) segments.push({ text: source.slice(i, start) });
    let j = start + 3;
    let inString = false;
    for (; j < source.length; j++) {
      if (source[j] === "'") inString = !inString;
      else if (!inString && source.startsWith('}}', j)) break;
    }
    if (j >= source.length) throw new ExpressionError(`an unclosed \${{ in ${JSON.stringify(source.length > 80 ? `${source.slice(0, 80)}…` : source)}`);
    segments.push({ expression: source.slice(start + 3, j).trim() });
    i = j + 2;
  }
  return segments;
}

export function hasExpression(source: string): boolean {
  return source.includes('${{');
}

/** The string with every `${{ }}` replaced by its value as text. */
export function substitute(source: string, scope: EvaluationScope): string {
  if (!hasExpression(source)) return source;
  return splitTemplate(source)
    .map((segment) => (segment.expression !== undefined ? toText(evaluate(parseExpression(segment.expression), scope)) : (segment.text ?? '')))
    .join('');
}

/** A value that is one expression keeps its type (a matrix from fromJSON()); anything else is substituted text. */
export function evaluateValue(source: string, scope: EvaluationScope): Value {
  const segments = splitTemplate(source.trim());
  if (segments.length === 1 && segments[0]?.expression !== undefined) return evaluate(parseExpression(segments[0].expression), scope);
  return substitute(source, scope);
}

/**
 * An `if:` condition: written with or without `${{ }}`, and with an implicit `success() &&` unless it calls a
 * status function itself.
 */
export function evaluateCondition(condition: string | undefined, scope: EvaluationScope): boolean {
  if (condition === undefined || condition.trim() === '') return scope.success();
  let source = condition.trim();
  const segments = splitTemplate(source);
  if (segments.length === 1 && segments[0]?.expression !== undefined) source = segments[0].expression;
  else if (hasExpression(source)) return scope.success() && truthy(substitute(source, scope));
  const node = parseExpression(source);
  if (!usesStatusFunction(node) && !scope.success()) return false;
  return truthy(evaluate(node, scope));
}
