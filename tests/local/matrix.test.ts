import { describe, expect, it } from 'vitest';
import { expandMatrix, matrixJobName } from '../../shared/src/local/workflow/matrix';

describe('expandMatrix', () => {
  it('follows GitHub documented include example', () => {
    // https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/running-variations-of-jobs-in-a-workflow#expanding-or-adding-matrix-configurations
    const combinations = expandMatrix({
      fruit: ['apple', 'pear'],
      animal: ['cat', 'dog'],
      include: [{ color: 'green' }, { color: 'pink', animal: 'cat' }, { fruit: 'apple', shape: 'circle' }, { fruit: 'banana' }, { fruit: 'banana', animal: 'cat' }],
    });
    expect(combinations).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('removes excluded combinations before includes, matching on every key of the entry', () => {
    expect(expandMatrix({ os: ['a', 'b'], v: [1, 2], exclude: [{ os: 'b', v: 2 }] })).toEqual([
      { os: 'a', v: 1 },
      { os: 'a', v: 2 },
      { os: 'b', v: 1 },
    ]);
  });

  it('makes a matrix of includes alone, and names combinations as GitHub does', () => {
    expect(expandMatrix({ include: [{ shard: 0 }, { shard: 1 }] })).toEqual([{ shard: 0 }, { shard: 1 }]);
    expect(matrixJobName('train', { model: 'forest', depth: 4 })).toBe('train (forest, 4)');
    expect(() => expandMatrix({ os: [] })).toThrow(/must be a non-empty list/);
  });
});
