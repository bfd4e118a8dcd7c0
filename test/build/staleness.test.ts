import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** scripts/build.js decides whether `npm start` and `mmm` must compile first: only when a source changed since the build. */
const { sourceState, staleness } = createRequire(__filename)('../../scripts/build.js') as {
  sourceState(root: string): { files: number; newestMs: number };
  staleness(root: string): string | null;
};

const root = mkdtempSync(join(tmpdir(), 'mixwise-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text = ''): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** What a build leaves: the entry point and the stamp of the sources it saw. */
function markBuilt(): void {
  write('dist/src/server.js');
  write('dist/.build-stamp.json', JSON.stringify(sourceState(root)));
}

describe('the build stamp', () => {
  it('asks for a build before the first one, none right after it, and one when a source is edited, added or removed', () => {
    const service = write('src/services/ask.ts', 'export const a = 1;');
    write('schema/types/A.ts');
    write('tsconfig.json', '{}');
    expect(staleness(root)).toBe('not built yet');
    markBuilt();
    expect(staleness(root)).toBeNull();

    // Output and notes beside the sources are not sources.
    write('src/README.md', 'notes');
    expect(staleness(root)).toBeNull();

    const later = new Date(Date.now() + 60_000);
    utimesSync(service, later, later);
    expect(staleness(root)).toBe('sources changed');
    markBuilt();
    expect(staleness(root)).toBeNull();

    write('bot/listeners/new.ts');
    expect(staleness(root)).toBe('source files were added or removed');
    markBuilt();
    rmSync(join(root, 'bot/listeners/new.ts'));
    expect(staleness(root)).toBe('source files were added or removed');
  });

  it('asks for a build when the compiled server is gone', () => {
    markBuilt();
    rmSync(join(root, 'dist/src/server.js'));
    expect(staleness(root)).toBe('not built yet');
  });
});
