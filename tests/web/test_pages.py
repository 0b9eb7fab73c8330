"""The web pages over real HTTP: the list with each complaint's analysis, filters, one complaint and its reasons,
masking, both languages, and what a wrong address or parameter shows."""

from __future__ import annotations

import re

import httpx


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', html)


def test_the_list_shows_every_complaint_newest_first_with_its_analysis(server: str) -> None:
    response = httpx.get(f"{server}/")
    html = response.text

    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert len(_rows(html)) == 25 and "共 25 条" in html
    row = html[html.index('data-id="T-000000"') :].split("</tr>")[0]
    assert "向监管投诉" in row and "愤怒" in row
    assert "T-000001" in _rows(html) and "老年人" in html.split('data-id="T-000001"')[1].split("</tr>")[0]


def test_the_list_narrows_to_one_emotion_and_keeps_the_filter_in_its_links(server: str) -> None:
    html = httpx.get(f"{server}/", params={"emotion": "anger"}).text
    everything = httpx.get(f"{server}/").text

    assert "T-000000" in _rows(html) and 0 < len(_rows(html)) < len(_rows(everything))
    assert '<option value="anger" selected>' in html


def test_a_complaint_page_shows_its_analysis_and_the_words_behind_it_masked(server: str) -> None:
    html = httpx.get(f"{server}/complaints/T-000000").text

    assert "向监管投诉" in html and "扬言" in html and "12378" in html
    assert "13812345678" not in html and "138****5678" in html
    assert "张伟" not in html and "张*" in html
    assert "辱骂：骗子" in html and "insults:" not in html  # cues named in words, not as the readers tag them
    assert "default-category" in html  # the model version that read it
    assert "50,000.00" in httpx.get(f"{server}/complaints/T-000001").text  # 5万元, as extracted


def test_a_complaint_page_reads_in_english_when_asked(server: str) -> None:
    html = httpx.get(f"{server}/complaints/T-000000", params={"lang": "en"}).text
    assert "Analysis" in html and "regulator" in html and "threatened" in html and 'lang="en"' in html
    assert "insult: 骗子" in html and "threatened: “" in html


def test_an_elderly_complainant_is_shown_with_the_words_that_say_so(server: str) -> None:
    html = httpx.get(f"{server}/complaints/T-000001").text
    reasons = html[html.index('id="reasons"') :]
    assert "老年人" in reasons and "78岁" in reasons


def test_an_unknown_complaint_is_a_404_page_naming_it(server: str) -> None:
    response = httpx.get(f"{server}/complaints/NOPE-1")
    assert response.status_code == 404 and "找不到投诉 NOPE-1" in response.text


def test_a_wrong_filter_or_page_is_a_400_page_that_names_the_parameter(server: str) -> None:
    channel = httpx.get(f"{server}/", params={"channel": "fax"})
    page = httpx.get(f"{server}/", params={"page": 0})

    assert channel.status_code == 400 and "channel=&#39;fax&#39;" in channel.text and "regulator" in channel.text
    assert page.status_code == 400 and "page" in page.text and "收到 0" in page.text


def test_complaints_not_yet_analysed_are_listed_and_say_so(unanalysed_server: str) -> None:
    listing = httpx.get(f"{unanalysed_server}/").text
    page = httpx.get(f"{unanalysed_server}/complaints/T-000000").text

    assert len(_rows(listing)) == 3
    assert "尚未分析" in page and 'id="analysis"' not in page


def test_the_campaign_list_shows_campaigns_before_group_events_with_their_signals(demo_server: str) -> None:
    html = httpx.get(f"{demo_server}/campaigns").text
    codes = re.findall(r'<tr data-code="([^"]+)"', html)

    assert codes[0].startswith("CMP-") and any(code.startswith("EVT-") for code in codes)
    assert "标记仅为疑似线索" in html and "同一模板" in html and "待核实" in html
    events = httpx.get(f"{demo_server}/campaigns", params={"group_type": "group_event"}).text
    assert all(code.startswith("EVT-") for code in re.findall(r'<tr data-code="([^"]+)"', events))


def test_a_campaign_page_explains_the_suspicion_and_lists_its_complaints_masked(demo_server: str) -> None:
    english = httpx.get(f"{demo_server}/campaigns/CMP-1", params={"lang": "en"}).text
    html = httpx.get(f"{demo_server}/campaigns/CMP-1").text
    members = re.findall(r'<tr data-id="([^"]+)"', html)

    assert 'data-signal="template"' in html and "出自同一模板" in html
    assert "follow one template" in english and "出自同一模板" not in english
    assert len(members) == int(re.search(r"<dt>投诉数</dt><dd>(\d+)", html).group(1))
    complaint = httpx.get(f"{demo_server}/complaints/{members[0]}").text
    assert 'href="/campaigns/CMP-1"' in complaint
    rows = html[html.index('id="members"') :].split('<tr data-id="')[1:]
    names = [re.findall(r"<td>([^<]*)</td>", row)[-1] for row in rows]  # the complainant column
    assert any(names) and all("*" in name for name in names if name)


def test_a_group_event_page_says_why_it_is_genuine_in_the_language_asked(demo_server: str) -> None:
    chinese = httpx.get(f"{demo_server}/campaigns/EVT-1").text
    english = httpx.get(f"{demo_server}/campaigns/EVT-1", params={"lang": "en"}).text
    assert "措辞各自独立" in chinese and "own wording" in english


def test_an_unknown_or_badly_filtered_campaign_is_a_page_that_says_so(demo_server: str) -> None:
    missing = httpx.get(f"{demo_server}/campaigns/CMP-999")
    bad = httpx.get(f"{demo_server}/campaigns", params={"status": "maybe"})
    assert missing.status_code == 404 and "CMP-999" in missing.text
    assert bad.status_code == 400 and "maybe" in bad.text and "confirmed" in bad.text
