/**
 * The local stand-in for the SQS FIFO queue: one queue per message group (municipality), processed one message at
 * a time in the order received, groups in parallel; a message with a deduplication id seen in the last five minutes
 * is dropped, as SQS does. A failing message is tried again (maxReceiveCount) and then set aside as dead letter,
 * so the group's later messages go on.
 */
export class LocalFifoQueue<M> {
  private readonly groups = new Map<string, Promise<void>>();
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Set<Promise<void>>();

  readonly deadLetters: { message: M; error: unknown }[] = [];

  constructor(
    private readonly handle: (message: M) => Promise<void>,
    private readonly onError: (message: M, err: unknown, attempt: number) => void,
    private readonly options: {
      maxReceiveCount?: number;
      retryDelayMs?: number;
      dedupWindowMs?: number;
    } = {},
  ) {}

  private async attempt(message: M): Promise<void> {
    const max = this.options.maxReceiveCount ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handle(message);
        return;
      } catch (err) {
        this.onError(message, err, attempt);
        if (attempt >= max) {
          this.deadLetters.push({ message, error: err });
          return;
        }
        await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? 200) * attempt));
      }
    }
  }

  /** Enqueues; resolves when this message has been handled (or dropped as a duplicate). */
  send(group: string, deduplicationId: string, message: M): Promise<void> {
    const now = Date.now();
    const window = this.options.dedupWindowMs ?? 5 * 60_000;
    for (const [id, at] of this.seen) if (now - at > window) this.seen.delete(id);
    if (this.seen.has(deduplicationId)) return Promise.resolve();
    this.seen.set(deduplicationId, now);
    const before = this.groups.get(group) ?? Promise.resolve();
    const done = before.then(() => this.attempt(message));
    this.groups.set(group, done);
    this.waiting.add(done);
    void done.finally(() => this.waiting.delete(done));
    return done;
  }

  /** Resolves when everything queued so far has been handled. */
  async drain(): Promise<void> {
    while (this.waiting.size) await Promise.all([...this.waiting]);
  }
}
