"""Sliding-window rate limits kept in Redis, so every worker process shares the count."""

import math
import secrets
from dataclasses import dataclass

from redis import Redis

# KEYS[1] holds one entry per allowed attempt, scored by time (ms, Redis's clock, so that
# app servers with skewed clocks agree). Returns 0 when the attempt is allowed, otherwise
# the milliseconds until the oldest attempt leaves the window.
_SLIDING_WINDOW = """
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local window_ms = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window_ms)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now_ms, now_ms .. '-' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window_ms)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(tonumber(oldest[2]) + window_ms - now_ms, 1)
"""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int


class RateLimiter:
    def __init__(self, redis: Redis, key_prefix: str) -> None:
        self.key_prefix = key_prefix
        self._script = redis.register_script(_SLIDING_WINDOW)

    def hit(self, scope: str, client: str, limit: int, window_seconds: int) -> Verdict:
        """Record an attempt by `client` at `scope` unless `limit` were made in the last window."""
        key = f"{self.key_prefix}ratelimit:{scope}:{client}"
        nonce = secrets.token_hex(4)
        wait_ms = int(self._script(keys=[key], args=[window_seconds * 1000, limit, nonce]))
        return Verdict(allowed=wait_ms == 0, retry_after=math.ceil(wait_ms / 1000))
