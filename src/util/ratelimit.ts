// Per-source rate limiting for long-running listeners (`serve`): a fixed window per source address.

/** What a limiter allows: at most `max` events per source within each `windowMs`. */
export interface RateLimitOptions {
  max: number
  windowMs: number
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number
  /**
   * Sources tracked at once. When a flood of distinct sources fills the table, the oldest window
   * is dropped first, so memory stays bounded whatever arrives.
   */
  maxSources?: number
}

/** A per-source limiter. */
export interface RateLimiter {
  /** Counts one event from `source`; false when that source is over its limit. */
  allow(source: string): boolean
}

/** Bounded by default: a few thousand sources is far beyond any honest use of `serve`. */
export const DEFAULT_MAX_SOURCES = 4096

/** Creates a fixed-window limiter: each source gets `max` events per window that starts with its first event. */
export function createRateLimiter(opts: RateLimitOptions): RateLimiter {
  const now = opts.now ?? (() => performance.now())
  const maxSources = opts.maxSources ?? DEFAULT_MAX_SOURCES
  // Map keeps insertion order: the first key is the oldest window.
  const windows = new Map<string, { start: number; count: number }>()
  return {
    allow(source) {
      const t = now()
      let w = windows.get(source)
      if (w === undefined || t - w.start >= opts.windowMs) {
        windows.delete(source)
        if (windows.size >= maxSources) windows.delete(windows.keys().next().value!)
        w = { start: t, count: 0 }
        windows.set(source, w)
      }
      w.count++
      return w.count <= opts.max
    },
  }
}
