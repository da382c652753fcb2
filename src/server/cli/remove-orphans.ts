import { ConfigError, loadConfig } from '../config.ts';
import { formatBytes } from '../errors.ts';
import { listNamedAvatars } from '../ownership/authentik-users.ts';
import { sweepOrphans, SweepRefused } from '../ownership/orphan-sweep.ts';
import { createStore } from '../storage/create-store.ts';

/**
 * Removes stored avatars that no authentik user names and that are older than ORPHAN_GRACE, like
 * Mastodon's `tootctl media remove-orphans`. Configured by the endpoint's environment (DATA_DIR,
 * AUTHENTIK_URL, AUTHENTIK_API_TOKEN, ORPHAN_GRACE).
 *
 *   npx tsx src/server/cli/remove-orphans.ts [--dry-run] [--force]
 *
 * --dry-run prints what would go and the bytes it would free, and deletes nothing.
 * --force   removes even when that is more than half of all avatars (after checking the token sees every user).
 */
export async function main(argv: string[], print = console.log, warn = console.error): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--dry-run' && arg !== '--force');
  if (unknown.length) {
    warn(`usage: remove-orphans.ts [--dry-run] [--force]   (unknown: ${unknown.join(' ')})`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    warn(`remove-orphans: configuration error: ${error.message}`);
    return 1;
  }
  if (!config.sweep) {
    warn('remove-orphans: set AUTHENTIK_URL and AUTHENTIK_API_TOKEN (a token that can list users): without the list of users nothing can be called an orphan.');
    return 1;
  }
  const store = createStore(config.storage);
  await store.open();
  try {
    const named = await listNamedAvatars(config.sweep);
    const plan = await sweepOrphans(store, named, { graceMs: config.orphanGraceMs, dryRun, force: argv.includes('--force') });
    for (const avatar of plan.remove) print(`${dryRun ? 'would remove' : 'removed'} ${avatar.id} (${formatBytes(avatar.bytes)}, ${avatar.record?.owner.split(':')[0] ?? 'no owner record'})`);
    for (const { id, owner } of plan.adopt) print(`${dryRun ? 'would give' : 'gave'} ${id} to ${owner}`);
    print(`${named.users} users name ${plan.named} avatars; ${plan.remove.length} orphans ${dryRun ? 'would be removed' : 'removed'}, ${formatBytes(plan.bytes)} ${dryRun ? 'would be freed' : 'freed'}; ${plan.young} unnamed avatars are younger than ORPHAN_GRACE and stay.`);
    return 0;
  } catch (error) {
    warn(`remove-orphans: ${error instanceof SweepRefused ? 'refused: ' : ''}${(error as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
