"""Chromium through Playwright, an axe-core scan, and keyboard helpers for browser journeys."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page (empty cache and cookies); console errors fail the test."""
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.reported_errors = errors
    yield page
    context.close()
    assert not errors, "The browser reported errors:\n" + "\n".join(errors)


def assert_accessible(page):
    """Run axe-core in the page and fail on any WCAG 2.1 A or AA violation."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def focused_text(page):
    return page.evaluate("document.activeElement ? document.activeElement.innerText.trim() : ''")


def tab_to(page, text, max_presses=60):
    """Press Tab until the focused element's text is ``text``, as a keyboard user would."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            return
    raise AssertionError(f"{text!r} cannot be reached with the Tab key on {page.url}")
