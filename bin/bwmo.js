#!/usr/bin/env node
// The `bwmo` command. It runs the bundle that `npm ci` builds (dist/bwmo.cjs, via the prepare script) when that
// bundle is newer than every source file, and the TypeScript sources through tsx otherwise, so an edit is never
// run stale and a fresh clone needs no separate build step.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

// The AWS SDK warns that its releases from 2027 need Node 22; this project supports Node 20 and pins the SDK, so
// the command's output stays clean. Other warnings pass through.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(warning).startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'bwmo.cjs');
// Every folder the bundle is built from (dist/bwmo.cjs: cli/main.ts and what it imports).
const SOURCES = ['cli', 'pipeline', 'schemas', 'stores', 'functions', 'examples', 'serve'];

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function load() {
  if (existsSync(bundle)) {
    const built = statSync(bundle).mtimeMs;
    if (SOURCES.every((d) => newestSource(join(root, d)) <= built)) return require(bundle);
  }
  require('tsx/cjs');
  return require('../cli/main.ts');
}

// Output piped into a reader that stops early (`bwmo report … | head`): end quietly, as other commands do.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

const cli = load();
cli
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    // A file system error in Dutch (pipeline/file-errors.ts), any other error's own message.
    console.error(`bwmo: ${cli.describeError(err)}`);
    process.exitCode = 2;
  });
