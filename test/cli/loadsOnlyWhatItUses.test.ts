import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../testkit/helpers/processes';

/**
 * The commands that need no server load none of its heavy parts (the ORM, GraphQL, Slack,
 * charts): what keeps `mmm fit`, `whatif`, `optimize` and `ask --model` starting in a blink.
 * Each command's module is loaded from the build, and the packages it pulled in are listed.
 */
const HEAVY = ['typeorm', 'pg', 'graphql', '@apollo', '@slack', '@napi-rs', 'chart.js', 'express'];

function packagesLoadedBy(module: string): string[] {
  const script = `require(${JSON.stringify(join(PROJECT_DIR, 'dist', 'src', module))});
    const names = Object.keys(require.cache).filter((k) => k.includes('node_modules')).map((k) => { const p = k.split('node_modules/').pop().split('/'); return p[0].startsWith('@') ? p[0] + '/' + p[1] : p[0]; });
    process.stdout.write(JSON.stringify([...new Set(names)]));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

describe('commands without a server', () => {
  it.each(['cliEngine.js', 'cliAskModel.js'])('%s loads no database, GraphQL, Slack or chart package', (module) => {
    const loaded = packagesLoadedBy(module);
    expect(loaded.filter((name) => HEAVY.some((heavy) => name === heavy || name.startsWith(`${heavy}/`)))).toEqual([]);
  });

  it('the server does load them (the check sees what it looks for)', () => {
    expect(packagesLoadedBy('cliDatabase.js')).toEqual(expect.arrayContaining(['typeorm']));
  });
});
