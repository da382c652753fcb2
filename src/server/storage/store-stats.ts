import type { AvatarStore } from './avatar-store.ts';

/**
 * How many avatars this replica believes are stored, and their bytes, for the metrics: counted from
 * the store at start-up and after each sweep, adjusted on every upload and deletion in between.
 */
export class StoreStats {
  count = 0;
  bytes = 0;
  /** Bytes of avatars whose owner is an enrollment that has not become a user yet. */
  pendingBytes = 0;

  added(bytes: number, owner: string): void {
    this.count += 1;
    this.bytes += bytes;
    if (owner.startsWith('pending:')) this.pendingBytes += bytes;
  }

  removed(bytes: number, owner: string | undefined): void {
    this.count = Math.max(0, this.count - 1);
    this.bytes = Math.max(0, this.bytes - bytes);
    if (owner?.startsWith('pending:')) this.pendingBytes = Math.max(0, this.pendingBytes - bytes);
  }

  /** Recounts from the store itself. */
  async recount(store: AvatarStore): Promise<void> {
    let count = 0;
    let bytes = 0;
    let pendingBytes = 0;
    for (const avatar of await store.list()) {
      if (avatar.bytes === 0) continue;
      count += 1;
      bytes += avatar.bytes;
      if (avatar.record?.owner.startsWith('pending:')) pendingBytes += avatar.bytes;
    }
    Object.assign(this, { count, bytes, pendingBytes });
  }
}
