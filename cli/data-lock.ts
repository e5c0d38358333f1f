/**
 * One process per data folder: dynalite's LevelDB allows one, and a second one crashed deep inside dynalite. A
 * command that opens the folder first takes `bwmo.lock` (its process id); another live process holding it stops the
 * command with a clear message. A lock left by a process that is gone is taken over. Runtimes of one process share it.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const held = new Map<string, number>();

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the data folder's lock; the function returned gives it back. */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'bwmo.lock');
  if (!held.has(file)) {
    for (;;) {
      try {
        await writeFile(file, String(process.pid), { flag: 'wx' });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
          throw new Error(
            `de datamap ${dataDir} is in gebruik door een ander bwmo-proces (pid ${pid}); wacht tot dat klaar is, of stop bwmo serve`,
          );
        await rm(file, { force: true });
      }
    }
  }
  held.set(file, (held.get(file) ?? 0) + 1);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    const n = (held.get(file) ?? 1) - 1;
    if (n > 0) return void held.set(file, n);
    held.delete(file);
    await rm(file, { force: true });
  };
}
