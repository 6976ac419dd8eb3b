# The real-browser fixtures (Chromium via Playwright, a live server, axe-core) are shared with tests/browser.
from tests.browser.conftest import chromium, new_page, page, site  # noqa: F401
