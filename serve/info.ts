/** What a running `bwmo serve` writes to its data folder, so that `bwmo ingest` can hand its files to it. */
export const SERVE_FILE = 'serve.json';

export interface ServeInfo {
  readonly pid: number;
  readonly http: string;
  readonly s3: string;
  readonly dynamo: string;
  readonly sftpPort: number;
  readonly bucket: string;
}
