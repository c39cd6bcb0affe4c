"""What the browser tests share: the app served by uvicorn in a thread on a free loopback port,
Debian's Chromium (`$PLANCOCKPIT_CHROMIUM`, default /usr/bin/chromium; never downloaded) driven
by Playwright, a page that fails its test on any script error, and signing in and out.

A test module seeds its own database, serves it in a module-scoped fixture with `serving`, and
opens its pages with `open_page` on the `browser` fixture (conftest.py)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.services.smtpcase import free_port

CHROMIUM = os.environ.get("PLANCOCKPIT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 768}


def need_chromium() -> None:
    """Skip the module's tests where Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (run scripts/test-env.sh)")


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app served by uvicorn in a daemon thread; yields its base URL, stops it after."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (the `browser` fixture of conftest.py holds one per test module)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@contextmanager
def open_page(browser: Any, base_url: str, **options: Any) -> Iterator[Any]:
    """A page in a fresh context (1366×768; `options` go to the context); a script error on it,
    or one the test adds to `page.js_errors`, fails the test."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    yield page
    context.close()
    assert not errors, errors


def sign_in(page: Any, name: str, password: str) -> None:
    page.goto("/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("#sign-out")


def sign_out(page: Any) -> None:
    page.click("#sign-out")
    page.wait_for_selector("#sign-in")
