/**
 * A read-through cache of influencer and job rows for GETs, bounded (LRU by insertion). Only used
 * when this process owns its storage (PGlite): every write to those rows happens in this process
 * and invalidates the entry. With PostgreSQL several processes write, so there is no cache.
 */
import type { InfluencerRow, JobRow } from './store.js';

const LIMIT = 10_000;

class Bounded<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= LIMIT) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class ReadCache {
  readonly influencers = new Bounded<InfluencerRow>();
  readonly jobs = new Bounded<JobRow>();
}
