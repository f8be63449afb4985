import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionsLogger, oneLine } from '../../shared/src/runtime/logger';

describe("the actions' logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes an info message as one line, so a newline in untrusted text cannot start a workflow command', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    actionsLogger.info('Reading "a\n::error title=forged::x.csv"\r\n::warning::y');
    expect(written.join('')).toBe('Reading "a%0A::error title=forged::x.csv"%0D%0A::warning::y\n');
    expect(oneLine('plain 5% text')).toBe('plain 5% text');
  });
});
