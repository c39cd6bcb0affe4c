"""Sign-in throttling with the `limits` library: failed sign-ins are counted per user name and per
client address in a moving window (by default 5 per name and 20 per address in 15 minutes).
Once either count is used up, every sign-in for that name or from that address is refused with
429 and a Retry-After until the oldest failure leaves the window — the right password too, and
without hashing anything, so guessing costs the server nothing. A success does not count and
clears its name's failures (not its address's).

The counts are kept in memory (`limits`' MemoryStorage): per process, lost at a restart. With
several workers each keeps its own, so the effective limit is the worker count times the
setting — still a few guesses a minute. A `limits` storage URI (redis, memcached) shared by the
workers would make it exact; none is needed here.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter

NAME = "login-name"
ADDRESS = "login-address"
PER_NAME = "5/15 minutes"
PER_ADDRESS = "20/15 minutes"


def parse_limit(text: str) -> RateLimitItem:
    """A limit such as "5/15 minutes" or "20 per hour" (`limits`' notation); ValueError if not."""
    try:
        return parse(text)
    except ValueError as exc:
        raise ValueError(f"not a rate limit: {text!r} (write e.g. '5/15 minutes')") from exc


class LoginThrottle:
    def __init__(
        self,
        per_name: str = PER_NAME,
        per_address: str = PER_ADDRESS,
        storage: Storage | None = None,
    ) -> None:
        self.per_name = parse_limit(per_name)
        self.per_address = parse_limit(per_address)
        self.storage = storage if storage is not None else MemoryStorage()
        self.limiter = MovingWindowRateLimiter(self.storage)

    def _counts(self, name: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return [(self.per_name, NAME, _name_key(name)), (self.per_address, ADDRESS, address or "?")]

    def retry_after(self, name: str, address: str) -> int | None:
        """Seconds until a sign-in for `name` from `address` may be tried, or None: go ahead."""
        waits = []
        for item, kind, key in self._counts(name, address):
            if not self.limiter.test(item, kind, key):
                reset = self.limiter.get_window_stats(item, kind, key).reset_time
                waits.append(max(1, math.ceil(reset - time.time())))
        return max(waits) if waits else None

    def failed(self, name: str, address: str) -> None:
        """Count a failed sign-in against the name and the address."""
        for item, kind, key in self._counts(name, address):
            self.limiter.hit(item, kind, key)

    def succeeded(self, name: str) -> None:
        """The right password: the name's failures are forgotten."""
        self.limiter.clear(self.per_name, NAME, _name_key(name))

    def reset(self) -> None:
        """Forget every count (tests; an operator after a false alarm restarts the app)."""
        self.storage.reset()


def _name_key(name: str) -> str:
    # "Admin", " admin" and "admin" are one name to a guesser
    return name.strip().casefold()[:200]


def throttled_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return (
        f"too many failed sign-ins; try again in {minutes} minute{'s' if minutes > 1 else ''} "
        f"/ 登录失败次数过多，请 {minutes} 分钟后再试"
    )
