#!/usr/bin/env node
// The `mmm` command runs the compiled build (made by `npm ci`), compiled again only when a source changed since.
require('../scripts/build.js').ensureBuilt('mmm');
require('../dist/src/cli.js').runCli();
