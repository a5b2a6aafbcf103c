import secrets

from redis import Redis

from app.rate_limit import RateLimiter
from app.settings import Settings


def test_counts_are_shared_through_redis(redis_client: Redis, settings: Settings) -> None:
    # Two limiters stand for two worker processes: they share nothing but Redis.
    first = RateLimiter(redis_client, settings.redis_key_prefix)
    second = RateLimiter(Redis.from_url(settings.redis_url), settings.redis_key_prefix)
    client = secrets.token_hex(4)
    verdicts = [
        limiter.hit("test", client, limit=3, window_seconds=60)
        for limiter in (first, second, first, second)
    ]
    assert [verdict.allowed for verdict in verdicts] == [True, True, True, False]
    assert 1 <= verdicts[-1].retry_after <= 60
    assert first.hit("test", "someone-else", limit=3, window_seconds=60).allowed
    assert first.hit("other-scope", client, limit=3, window_seconds=60).allowed


def test_keys_stay_under_the_prefix_and_expire(redis_client: Redis, settings: Settings) -> None:
    limiter = RateLimiter(redis_client, settings.redis_key_prefix)
    client = secrets.token_hex(4)
    limiter.hit("test", client, limit=1, window_seconds=30)
    key = f"{settings.redis_key_prefix}ratelimit:test:{client}"
    assert redis_client.zcard(key) == 1
    assert 0 < redis_client.pttl(key) <= 30_000


def test_refused_attempts_do_not_extend_the_wait(redis_client: Redis, settings: Settings) -> None:
    limiter = RateLimiter(redis_client, settings.redis_key_prefix)
    client = secrets.token_hex(4)
    assert limiter.hit("test", client, limit=1, window_seconds=30).allowed
    for _ in range(3):
        refused = limiter.hit("test", client, limit=1, window_seconds=30)
        assert not refused.allowed
        assert 1 <= refused.retry_after <= 30
    assert redis_client.zcard(f"{settings.redis_key_prefix}ratelimit:test:{client}") == 1
