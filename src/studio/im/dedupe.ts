// Duplicate suppression (send_group_msg `Random`): the same sender and `Random` within 5 minutes is a retry,
// dropped and answered with success. One table per group; entries expire in insertion order.
import { type Clock } from '../../shared/domain/cryptoPort';

export const DEDUPE_WINDOW_MS = 5 * 60 * 1000;

export interface SeenMessage {
  seq: number;
  /** Unix seconds. */
  time: number;
}

interface Entry extends SeenMessage {
  expiresAt: number;
}

export class DedupeTable {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  private static key(sender: string, random: number): string {
    return `${random}\u0000${sender}`;
  }

  /** The earlier message when this (sender, Random) was seen within the window. */
  lookup(sender: string, random: number): SeenMessage | undefined {
    this.sweep();
    return this.entries.get(DedupeTable.key(sender, random));
  }

  remember(sender: string, random: number, seen: SeenMessage): void {
    this.sweep();
    const key = DedupeTable.key(sender, random);
    // Re-inserting moves the key to the end, keeping the Map ordered by expiry.
    this.entries.delete(key);
    this.entries.set(key, { ...seen, expiresAt: this.clock.now() + DEDUPE_WINDOW_MS });
  }

  /** Forgets a message that was refused, so the sender's retry is processed again. */
  forget(sender: string, random: number): void {
    this.entries.delete(DedupeTable.key(sender, random));
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
