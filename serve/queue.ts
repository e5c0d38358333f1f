/**
 * The local stand-in for the SQS FIFO queue: one queue per message group (municipality), processed one message at
 * a time in the order received, groups in parallel; a message with a deduplication id seen in the last five minutes
 * is dropped, as SQS does. A failing message is tried again (maxReceiveCount) and then set aside as dead letter,
 * so the group's later messages go on.
 */

/** What became of a message sent: handled, dropped as a duplicate (once the first has settled), or dead letter. */
export type Delivery = 'verwerkt' | 'dubbel' | 'dead-letter';

export class LocalFifoQueue<M> {
  private readonly groups = new Map<string, Promise<unknown>>();
  private readonly seen = new Map<string, { at: number; done: Promise<Delivery> }>();
  private readonly waiting = new Set<Promise<unknown>>();

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

  private async attempt(message: M): Promise<Delivery> {
    const max = this.options.maxReceiveCount ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handle(message);
        return 'verwerkt';
      } catch (err) {
        this.onError(message, err, attempt);
        if (attempt >= max) {
          this.deadLetters.push({ message, error: err });
          return 'dead-letter';
        }
        await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? 200) * attempt));
      }
    }
  }

  /**
   * Enqueues; resolves when this message has been handled or set aside as dead letter, or, when it is dropped as a
   * duplicate, once the message it duplicates has settled.
   */
  send(group: string, deduplicationId: string, message: M): Promise<Delivery> {
    const now = Date.now();
    const window = this.options.dedupWindowMs ?? 5 * 60_000;
    for (const [id, { at }] of this.seen) if (now - at > window) this.seen.delete(id);
    const earlier = this.seen.get(deduplicationId);
    if (earlier) return earlier.done.then(() => 'dubbel');
    const before = this.groups.get(group) ?? Promise.resolve();
    const done = before.then(() => this.attempt(message));
    this.seen.set(deduplicationId, { at: now, done });
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
