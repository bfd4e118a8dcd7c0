#!/usr/bin/env node
// `npm start`: the server that `npm ci` built, compiled again only when a source changed since.
require('./build.js').ensureBuilt('npm start');
require('../dist/src/server.js').runMain();
