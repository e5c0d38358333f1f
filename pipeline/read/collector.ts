/**
 * Collects a file's findings. Every finding counts; after PER_RULE_LIMIT findings of one rule the rest are
 * counted into one closing finding, so a file with a systematic error (say every amount written as 12,50) still
 * gets a report of readable size and constant memory.
 */
import type { Finding } from '../../schemas/report';

export const PER_RULE_LIMIT = 1000;

export class FindingCollector {
  readonly list: Finding[] = [];
  private readonly perRule = new Map<string, number>();
  private readonly overflow = new Map<string, { count: number; sample: Finding }>();
  private errorCount = 0;

  add(f: Finding): void {
    if (f.severity !== 'waarschuwing') this.errorCount++;
    const n = (this.perRule.get(f.rule) ?? 0) + 1;
    this.perRule.set(f.rule, n);
    if (n <= PER_RULE_LIMIT) {
      this.list.push(f);
      return;
    }
    const o = this.overflow.get(f.rule);
    if (o) o.count++;
    else this.overflow.set(f.rule, { count: 1, sample: f });
  }

  addAll(fs: Iterable<Finding>): void {
    for (const f of fs) this.add(f);
  }

  /** Errors (not warnings) so far, including those counted in overflow. */
  get errors(): number {
    return this.errorCount;
  }

  hasError(predicate: (f: Finding) => boolean): boolean {
    return this.list.some((f) => f.severity !== 'waarschuwing' && predicate(f));
  }

  /** The findings, with one closing finding per rule that went over the limit. */
  result(): Finding[] {
    const out = [...this.list];
    for (const [rule, { count, sample }] of this.overflow) {
      out.push({
        ...sample,
        location: 'bestand',
        message: `en nog ${count} bevinding(en) van ${rule}; alleen de eerste ${PER_RULE_LIMIT} staan hierboven`,
      });
    }
    return out;
  }
}
