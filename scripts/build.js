#!/usr/bin/env node
// Builds the app (tsc -p tsconfig.build.json into dist/) and leaves a stamp of the sources it
// was built from, so that `npm start` and `mmm` compile only when a source changed since:
// `npm ci` builds once (prepare), later starts only compare file times (a few ms).
// Plain CommonJS: it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
// What tsconfig.build.json compiles, and the settings that change its output.
const SOURCE_DIRS = ['src', 'schema', 'bot', 'jobs', 'migrations'];
const SOURCE_FILES = ['ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const STAMP = join('dist', '.build-stamp.json');
const ENTRY = join('dist', 'src', 'server.js');

/** The sources' count and newest modification time: a changed, added or removed file changes one of them. */
function sourceState(root = ROOT) {
  let files = 0;
  let newestMs = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    if (!/\.(ts|json)$/.test(path)) return;
    files += 1;
    newestMs = Math.max(newestMs, stat.mtimeMs);
  };
  for (const dir of SOURCE_DIRS) visit(join(root, dir));
  for (const file of SOURCE_FILES) visit(join(root, file));
  return { files, newestMs };
}

/** Why dist/ needs building, or null when it was built from the sources as they are. */
function staleness(root = ROOT) {
  if (!existsSync(join(root, ENTRY)) || !existsSync(join(root, STAMP))) return 'not built yet';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return 'the build stamp is unreadable';
  }
  const now = sourceState(root);
  if (now.files !== stamp.files) return 'source files were added or removed';
  if (now.newestMs > stamp.newestMs) return 'sources changed';
  return null;
}

/** Compiles; returns true on success. tsc's output goes to stderr so that a command's stdout stays its own. */
function build(root = ROOT) {
  // Taken before compiling: a file saved during the build makes the next start build again.
  const state = sourceState(root);
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  // Emit only: type-checking is `npm run typecheck`'s job (part of `npm test`, and CI), and skipping
  // it here takes a third off the build that `npm ci` and the first `npm start` wait for.
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) return false;
  writeFileSync(join(root, STAMP), `${JSON.stringify(state)}\n`);
  return true;
}

/** Builds only when the sources changed since the last build; exits with tsc's failure otherwise. */
function ensureBuilt(who, root = ROOT) {
  const reason = staleness(root);
  if (reason === null) return;
  process.stderr.write(`${who}: building first (${reason})…\n`);
  if (!build(root)) {
    process.stderr.write(`${who}: the build failed (the TypeScript errors are above). Fix them, or run \`git stash\` to go back to the last working sources.\n`);
    process.exit(1);
  }
}

module.exports = { sourceState, staleness, build, ensureBuilt };

if (require.main === module) {
  const onlyIfStale = process.argv.includes('--if-stale');
  if (onlyIfStale) ensureBuilt('build');
  else if (!build()) process.exit(1);
}
