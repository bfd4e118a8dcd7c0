#!/usr/bin/env node
// The `mmm` command runs the compiled build (made by `npm ci`/`npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'src', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('mmm: the project is not built yet. Run `npm run build` (npm ci does it) and try again.\n');
  process.exit(1);
}
require(cli).runCli();
