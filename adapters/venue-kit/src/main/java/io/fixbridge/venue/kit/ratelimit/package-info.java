/**
 * Weighted token-bucket rate limiting for venue requests: {@link io.fixbridge.venue.kit.ratelimit.RateLimiter} over
 * several {@link io.fixbridge.venue.kit.ratelimit.RateLimit}s at once, corrected from venue headers, paused by
 * 429/418, with a {@link io.fixbridge.venue.kit.ratelimit.RateLimitPolicy} that waits without blocking or refuses
 * with {@link io.fixbridge.venue.kit.ratelimit.RateLimitExceededException}.
 */
package io.fixbridge.venue.kit.ratelimit;
