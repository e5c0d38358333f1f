#!/usr/bin/env node
// The `bwmo` command. TypeScript sources run through tsx, so there is no build step between a clone and a run.
require('tsx/cjs');
require('../cli/main.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    console.error(`bwmo: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  });
