import type { AvatarStore } from '../storage/avatar-store.ts';

/** Avatars stored this recently are never tidied away: another submit of the same person may be naming them. */
export const KEEP_RECENT_MS = 10 * 60 * 1000;

/**
 * After an upload, authentik's truth for the owner is the `previous` URL the policy sent: it and the
 * new avatar stay (the flow may still fail before authentik writes the new URL), and the owner's other
 * avatars go, unless they are younger than KEEP_RECENT_MS. Returns what was removed.
 */
export async function tidyOwner(store: AvatarStore, owner: string, keep: ReadonlySet<string>, now = Date.now()): Promise<{ id: string; bytes: number }[]> {
  const removed: { id: string; bytes: number }[] = [];
  for (const id of await store.ownedBy(owner)) {
    if (keep.has(id)) continue;
    const record = await store.record(id);
    if (!record || record.owner !== owner) continue;
    if (now - Date.parse(record.created) < KEEP_RECENT_MS) continue;
    await store.delete(id);
    removed.push({ id, bytes: record.bytes });
  }
  return removed;
}
