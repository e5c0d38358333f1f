/**
 * What the file system says, in the words of the other messages: Node's own text is English and cryptic
 * ("ENOENT: no such file or directory, open …").
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'bestaat niet',
  EACCES: 'geen toegang',
  EPERM: 'geen toegang',
  EEXIST: 'bestaat al, en is geen map',
  ENOTDIR: 'een deel van dit pad is geen map',
  EISDIR: 'is een map, geen bestand',
  ENOSPC: 'de schijf is vol',
};

/** A file system error in Dutch, without its path (the caller names the file); any other error's own message. */
export function fileErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  return (code && SYSTEM_ERRORS[code]) || err.message;
}

/** An error for the command line: a file system error with its path, in Dutch; any other error's own message. */
export function describeError(err: unknown): string {
  const path = (err as NodeJS.ErrnoException | null)?.path;
  const folder = path ? dirname(path) : '.';
  // Writing to a new file in a folder that is not there: the folder is what is missing.
  if (path && (err as NodeJS.ErrnoException).code === 'ENOENT' && folder !== '.' && !existsSync(folder))
    return `${path}: de map ${folder} bestaat niet`;
  const text = fileErrorText(err);
  return path && err instanceof Error && text !== err.message ? `${path}: ${text}` : text;
}
