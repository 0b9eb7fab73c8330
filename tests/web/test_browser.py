"""The pages in a real Chromium (Debian's, driven by Playwright): a handler narrows the list, opens a complaint,
reads why it was flagged, and switches language."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = Path(os.environ.get("TOUSU_CHROMIUM", "/usr/bin/chromium"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():  # no silent skip: a browser test without a browser is a failure
        pytest.fail(
            f"No Chromium at {CHROMIUM}. Run scripts/ensure-chromium.sh or set TOUSU_CHROMIUM; "
            "to leave the browser tests out on purpose: pytest -m 'not browser'."
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN")
    yield context.new_page()
    context.close()


def test_a_handler_narrows_the_list_to_angry_complaints(server: str, page: Page) -> None:
    page.goto(server)
    rows = page.locator("#complaints tbody tr")
    expect(rows).to_have_count(25)

    page.select_option("select[name=emotion]", "anger")
    page.get_by_role("button", name="筛选").click()

    expect(page).to_have_url(re.compile(r"[?&]emotion=anger"))
    angry = rows.count()
    assert 0 < angry < 25
    expect(page.locator("#complaints td.emotion")).to_contain_text(["愤怒"] * angry)
    expect(page.locator("tr[data-id=T-000000] td.threats")).to_have_text("向监管投诉")


def test_a_handler_opens_a_complaint_and_reads_why_it_was_flagged(server: str, page: Page) -> None:
    page.goto(server)
    page.get_by_role("link", name="T-000000").click()

    expect(page.locator("h1")).to_have_text("投诉详情 T-000000")
    expect(page.locator("#threats")).to_have_text("向监管投诉")
    reason = page.locator("li.threat-reason")
    expect(reason).to_contain_text("扬言")
    expect(reason).to_contain_text("12378")
    expect(page.locator("#phone")).to_have_text("138****5678")
    assert "13812345678" not in page.content() and "张伟" not in page.content()


def test_the_language_link_turns_the_page_into_english_and_back(server: str, page: Page) -> None:
    page.goto(f"{server}/complaints/T-000001")
    expect(page.locator("#vulnerable")).to_have_text("老年人")

    page.locator("#language").click()
    expect(page.locator("#vulnerable")).to_have_text("elderly")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="Back to the list").click()
    expect(page.locator("h1")).to_have_text("Complaints")
    page.locator("#language").click()
    expect(page.locator("h1")).to_have_text("投诉列表")


def test_a_handler_follows_a_complaint_to_its_campaign_and_back_to_a_member(demo_server: str, page: Page) -> None:
    page.goto(f"{demo_server}/campaigns")
    page.get_by_role("link", name="CMP-1").click()
    expect(page.locator("h1")).to_have_text("疑似黑产团伙 CMP-1")
    expect(page.locator("#reasons tr[data-signal=template]")).to_contain_text("同一模板")

    first = page.locator("#members tbody tr").first
    member = first.get_attribute("data-id")
    first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(f"投诉详情 {member}")
    page.locator("#campaign a").click()
    expect(page).to_have_url(re.compile(r"/campaigns/CMP-1$"))
