"""Failed sign-ins are limited per user name and per client address (the `limits` library,
moving windows kept in this process's memory): guessing a password, or making the server hash
passwords for many names, stops at the limit until the window moves on."""

from __future__ import annotations

import math
import time

from limits import parse, storage, strategies

PER_NAME = "5/15 minutes"
PER_ADDRESS = "20/15 minutes"


class LoginThrottle:
    def __init__(self, per_name: str = PER_NAME, per_address: str = PER_ADDRESS) -> None:
        self.storage = storage.MemoryStorage()
        self.limiter = strategies.MovingWindowRateLimiter(self.storage)
        self.items = {"name": parse(per_name), "address": parse(per_address)}

    def retry_after(self, name: str, address: str) -> int | None:
        """Seconds to wait when either limit is used up, else None."""
        waits = [self.limiter.get_window_stats(self.items[kind], kind, key).reset_time - time.time()
                 for kind, key in (("name", name.strip()), ("address", address))
                 if not self.limiter.test(self.items[kind], kind, key)]
        return max(1, math.ceil(max(waits))) if waits else None

    def failed(self, name: str, address: str) -> None:
        self.limiter.hit(self.items["name"], "name", name.strip())
        self.limiter.hit(self.items["address"], "address", address)
