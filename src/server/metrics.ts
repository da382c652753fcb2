import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoreStats } from './storage/store-stats.ts';
import type { WorkQueue } from './work-queue.ts';

/** Prometheus metrics of one endpoint instance (its own registry, so several can live in one process). */
export function createMetrics(queue: WorkQueue, stats?: StoreStats) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'avatars_' });
  return {
    registry,
    uploads: new Counter({
      name: 'avatars_uploads_total',
      help: 'Uploads by outcome: "stored" or the error code.',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    processing: new Histogram({
      name: 'avatars_processing_seconds',
      help: 'Time from a checked upload to a verified PNG, by processor.',
      labelNames: ['processor'] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'avatars_queue_depth',
      help: 'Uploads waiting for a processing slot.',
      registers: [registry],
      collect() {
        this.set(queue.waiting);
      },
    }),
    refusals: new Counter({
      name: 'avatars_ownership_refusals_total',
      help: 'Requests refused or narrowed to protect someone else\'s avatar, or over the anonymous limits, by reason.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    orphansRemoved: new Counter({
      name: 'avatars_orphans_removed_total',
      help: 'Avatars the orphan sweep removed because no user named them.',
      registers: [registry],
    }),
    orphanBytesRemoved: new Counter({
      name: 'avatars_orphan_bytes_removed_total',
      help: 'Bytes freed by the orphan sweep.',
      registers: [registry],
    }),
    storedAvatars: new Gauge({
      name: 'avatars_stored',
      help: 'Avatars stored (as this replica counts them).',
      registers: [registry],
      collect() {
        if (stats) this.set(stats.count);
      },
    }),
    storedBytes: new Gauge({
      name: 'avatars_stored_bytes',
      help: 'Bytes of stored avatars (as this replica counts them).',
      registers: [registry],
      collect() {
        if (stats) this.set(stats.bytes);
      },
    }),
    inFlight: new Gauge({
      name: 'avatars_processing_in_flight',
      help: 'Uploads being processed right now.',
      registers: [registry],
      collect() {
        this.set(queue.running);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
