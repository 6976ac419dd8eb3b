import asyncio

import pytest

# The real-browser fixtures (Chromium via Playwright, a live server, axe-core) are shared with tests/browser.
from tests.browser.conftest import chromium, new_page, page, site  # noqa: F401


@pytest.fixture(scope="session", autouse=True)
def _one_playwright_per_process():
    """tests/browser's session-wide Chromium may already be open in this process, and Playwright's
    sync API cannot start twice in one thread. Say so instead of failing; run `pytest tests/care`
    on its own (CI: see the report) until these tests move next to the other browser tests."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    pytest.skip("another Playwright session is open in this process: run `pytest tests/care` separately")
