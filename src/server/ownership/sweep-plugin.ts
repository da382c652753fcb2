import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { AvatarStore } from '../storage/avatar-store.ts';
import type { StoreStats } from '../storage/store-stats.ts';
import type { VariantCache } from '../variant-cache.ts';
import { listNamedAvatars } from './authentik-users.ts';
import { sweepOrphans } from './orphan-sweep.ts';

export interface SweepPluginOptions {
  config: Config;
  store: AvatarStore;
  stats: StoreStats;
  metrics: Metrics;
  variants: VariantCache;
}

/** Runs the orphan sweep every SWEEP_INTERVAL while the server is up (first run one minute after start). */
export const orphanSweep: FastifyPluginAsync<SweepPluginOptions> = async (app, { config, store, stats, metrics, variants }) => {
  const sweep = config.sweep;
  if (!sweep) {
    app.log.warn('orphan sweep is off (AUTHENTIK_URL and AUTHENTIK_API_TOKEN are not set): replaced avatars and those of abandoned enrollments stay stored until you run remove-orphans');
    return;
  }
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const plan = await sweepOrphans(store, await listNamedAvatars(sweep), { graceMs: config.orphanGraceMs });
      for (const avatar of plan.remove) variants.delete(`${avatar.id}:`);
      metrics.orphansRemoved.inc(plan.remove.length);
      metrics.orphanBytesRemoved.inc(plan.bytes);
      await stats.recount(store);
      app.log.info({ removed: plan.remove.length, bytes: plan.bytes, adopted: plan.adopt.length, young: plan.young, named: plan.named }, 'orphan sweep done');
    } catch (error) {
      app.log.error({ err: error }, 'orphan sweep failed; nothing was removed after the failure');
    } finally {
      running = false;
    }
  };
  const timers: NodeJS.Timeout[] = [];
  app.addHook('onReady', async () => {
    timers.push(setTimeout(run, Math.min(60_000, sweep.intervalMs)).unref(), setInterval(run, sweep.intervalMs).unref());
  });
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
  });
};
