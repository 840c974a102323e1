package fr.socle.testkit.onceonly;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The APIs' own counters: per token and group, and per client IP, in fixed windows aligned on the
 * period (reset = now + period - now mod period), as the real rate-limiting service computes them
 * (once-only fact sheet §1.5).
 */
final class ServerLimits {
  record Verdict(boolean allowed, int limit, int remaining, long resetEpochSeconds) {}

  private final Map<String, long[]> windows = new HashMap<>();

  /**
   * Counts a request.
   *
   * @param key the counter
   * @param limit requests allowed per window
   * @param period the window
   * @param nowMillis the wall-clock time
   * @return whether it is within the limit, and the headers' values
   */
  synchronized Verdict count(String key, int limit, Duration period, long nowMillis) {
    long periodMillis = period.toMillis();
    long windowStart = nowMillis - Math.floorMod(nowMillis, periodMillis);
    long[] w = windows.computeIfAbsent(key, k -> new long[2]);
    if (w[0] != windowStart) {
      w[0] = windowStart;
      w[1] = 0;
    }
    w[1]++;
    long reset = (windowStart + periodMillis + 999) / 1000;
    int remaining = (int) Math.max(0, limit - w[1]);
    return new Verdict(w[1] <= limit, limit, remaining, reset);
  }

  synchronized void clear() {
    windows.clear();
  }
}
