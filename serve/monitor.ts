/** The monitor page's static files, served by `bwmo serve` (filled in by the monitor). */
export async function monitorPage(_path: string): Promise<{ type: string; body: string | Buffer } | null> {
  return null;
}
