import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, type EvaluationScope, type Value } from '../../shared/src/local/workflow/expressions';
import { evaluateCondition, substitute } from '../../shared/src/local/workflow/template';

function scope(contexts: Record<string, Value> = {}, status: { failed?: boolean } = {}): EvaluationScope {
  return { contexts: { github: { event_name: 'push', ref: 'refs/heads/main', event: { pull_request: null, commits: [{ id: 'a' }, { id: 'b' }] } }, env: { A: '1' }, ...contexts }, success: () => !status.failed, failure: () => !!status.failed, cancelled: () => false };
}
const value = (source: string, s = scope()): Value => evaluate(parseExpression(source), s);

describe('expressions', () => {
  it('compares as GitHub does: case-insensitive strings, numbers across types, null as 0', () => {
    expect(value("'ABC' == 'abc'")).toBe(true);
    expect(value("'2' == 2")).toBe(true);
    expect(value('null == 0')).toBe(true);
    expect(value("true == 1 && false == ''")).toBe(true);
    expect(value("'a' < 'B'")).toBe(true);
    expect(value('3 >= 3 && 2 <= 1')).toBe(false);
    expect(value("'x' == 1")).toBe(false);
  });

  it('yields an operand from && and ||, and negates truthiness', () => {
    expect(value("'' || 'fallback'")).toBe('fallback');
    expect(value("'a' && 'b'")).toBe('b');
    expect(value('!0 && !null && !""'.replace(/""/, "''"))).toBe(true);
    expect(value("(1 == 2 || 'yes') && 'then'")).toBe('then');
  });

  it('reads contexts by dot and index, case-insensitively; a missing property is null', () => {
    expect(value("github.EVENT_NAME")).toBe('push');
    expect(value("github['ref']")).toBe('refs/heads/main');
    expect(value('github.event.pull_request.number')).toBeNull();
    expect(value('github.event.commits[1].id')).toBe('b');
    expect(value('github.event.commits.*.id')).toEqual(['a', 'b']);
    expect(() => value('nope.x')).toThrow(/unknown context "nope"/);
  });

  it('has the functions', () => {
    expect(value("format('{0}-{1} {{literal}}', 'a', 1.5)")).toBe('a-1.5 {literal}');
    expect(value("join(github.event.commits.*.id, ', ')")).toBe('a, b');
    expect(value("toJSON(fromJSON('{\"a\":[1,true,null]}'))")).toBe('{\n  "a": [\n    1,\n    true,\n    null\n  ]\n}');
    expect(value("contains('Hello world', 'WORLD') && contains(fromJSON('[1,2]'), '2')")).toBe(true);
    expect(value("startsWith(github.ref, 'refs/heads/') && endsWith('x.CSV', '.csv')")).toBe(true);
    expect(value('0x10 == 16 && -1.5e1 == -15')).toBe(true);
    expect(() => value("hashFiles('x')")).toThrow(/hashFiles\(\) is not supported/);
    expect(() => value("fromJSON('{')")).toThrow(/is not JSON/);
  });

  it('substitutes ${{ }} textually, with a }} inside a string left alone', () => {
    expect(substitute("a=${{ env.A }} b=${{ format('{0}}}', 'x') }}", scope())).toBe('a=1 b=x}');
    expect(substitute('${{ fromJSON(\'{"k":1}\') }}', scope())).toBe('{\n  "k": 1\n}');
  });

  it('adds the implicit success() to an if: unless it calls a status function', () => {
    expect(evaluateCondition("github.event_name == 'push'", scope())).toBe(true);
    expect(evaluateCondition("github.event_name == 'push'", scope({}, { failed: true }))).toBe(false);
    expect(evaluateCondition("${{ failure() && github.event_name == 'push' }}", scope({}, { failed: true }))).toBe(true);
    expect(evaluateCondition('always()', scope({}, { failed: true }))).toBe(true);
    expect(evaluateCondition(undefined, scope({}, { failed: true }))).toBe(false);
  });
});
