import type { AvatarStore, StoredAvatar } from '../storage/avatar-store.ts';
import type { NamedAvatars } from './authentik-users.ts';
import { isProvisional } from './owner.ts';

export interface SweepPlan {
  /** Avatars no user names, older than the grace period. */
  remove: StoredAvatar[];
  /** Provisional avatars (enrollment, import) that exactly one user names: they become that user's. */
  adopt: { id: string; owner: string }[];
  /** Unnamed avatars still inside the grace period. */
  young: number;
  named: number;
  bytes: number;
}

export interface SweepOptions {
  graceMs: number;
  now?: number;
  /** Refuse to remove more than this share of all avatars in one sweep (a token that sees too few users looks like that). */
  maxShare?: number;
}

export class SweepRefused extends Error {
  override name = 'SweepRefused';
}

/** Decides, without touching anything, what a sweep removes and who adopts what. */
export function planSweep(stored: StoredAvatar[], named: NamedAvatars, { graceMs, now = Date.now() }: SweepOptions): SweepPlan {
  const plan: SweepPlan = { remove: [], adopt: [], young: 0, named: 0, bytes: 0 };
  for (const avatar of stored) {
    const users = named.byId.get(avatar.id);
    if (users?.length) {
      plan.named += 1;
      const owner = avatar.record?.owner;
      if (owner && isProvisional(owner) && new Set(users).size === 1) plan.adopt.push({ id: avatar.id, owner: `user:${users[0]}` });
      continue;
    }
    const created = avatar.record ? Date.parse(avatar.record.created) : avatar.modified.getTime();
    if (now - Math.max(created, avatar.modified.getTime()) < graceMs) {
      plan.young += 1;
      continue;
    }
    plan.remove.push(avatar);
    plan.bytes += avatar.bytes;
  }
  return plan;
}

/**
 * Removes what `planSweep` found (unless `dryRun`) and hands provisional avatars to the users that
 * name them. Refuses when the plan would remove more than `maxShare` of everything stored (and more
 * than a handful): that is what a token that cannot see every user looks like.
 */
export async function sweepOrphans(store: AvatarStore, named: NamedAvatars, options: SweepOptions & { dryRun?: boolean; force?: boolean }): Promise<SweepPlan> {
  const stored = await store.list();
  const plan = planSweep(stored, named, options);
  const maxShare = options.maxShare ?? 0.5;
  if (!options.force && named.users === 0 && plan.remove.length > 0) {
    throw new SweepRefused('authentik listed no users at all; check that AUTHENTIK_API_TOKEN can list users (run remove-orphans --force only if authentik really has none)');
  }
  if (!options.force && plan.remove.length > 10 && plan.remove.length > stored.length * maxShare) {
    throw new SweepRefused(
      `the sweep would remove ${plan.remove.length} of ${stored.length} avatars, more than ${Math.round(maxShare * 100)}%; check that AUTHENTIK_API_TOKEN can list every user (${named.users} listed), then run remove-orphans --force once`,
    );
  }
  if (options.dryRun) return plan;
  for (const { id, owner } of plan.adopt) await store.transfer(id, owner);
  for (const avatar of plan.remove) await store.delete(avatar.id);
  return plan;
}
