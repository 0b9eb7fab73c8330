"""English complaints (a CFPB export, an English channel) get the parts of a reading that apply to English text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tousu.analysis.english import is_english
from tousu.analysis.english.extraction import find_amounts_en, find_dates_en, find_demand_en, find_laws_en
from tousu.analysis.english.reading import detect_threats_en, detect_vulnerable_en
from tousu.analysis.extract import extract
from tousu.analysis.normalize import normalize_text
from tousu.analysis.pipeline import ComplaintReader
from tousu.analysis.records import ComplaintRecord
from tousu.analysis.threats import threat_kinds


def kinds(text: str) -> list[str]:
    return threat_kinds(detect_threats_en(normalize_text(text)))


def vulnerable(text: str) -> list[str]:
    return [hit.kind for hit in detect_vulnerable_en(normalize_text(text))]


def demand(text: str) -> float | None:
    amounts = find_amounts_en(text)
    found = find_demand_en(text, amounts)
    return found.value if found is not None else None


def test_english_is_told_apart_from_chinese_with_a_few_latin_words() -> None:
    assert is_english("I was charged an overdraft fee of {$35.00} twice on XX/XX/2019.")
    assert not is_english("我在APP上办理的ETC信用卡被收取了年费，客服态度很差")
    assert not is_english("OK")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If this is not corrected I will sue them.", ["litigation"]),
        ("I do not want to take legal action, but you leave me no choice.", ["litigation"]),
        ("I have contacted an attorney about these charges.", ["litigation"]),
        ("I told them I would contact my attorney.", ["litigation"]),
        ("I filed a complaint with the state attorney general last month.", ["regulator"]),
        ("I want the CFPB to investigate this company.", ["regulator"]),
        ("I have filed a police report and an FTC report.", ["regulator", "police"]),
        ("I reported the theft to the police.", ["police"]),
        ("I may go to the media if necessary.", ["media"]),
        ("I am seeking class action law firms who may be interested.", ["litigation", "group"]),
        ("I will be writing to my congressman about this.", ["petition"]),
        ("I filed a complaint with the Better Business Bureau.", ["consumer_body"]),
        ("The collectors call so often that I feel suicidal.", ["self_harm"]),
        ("Failure to comply will result in a small claims action against this company.", ["litigation"]),
        ("To: Consumer Financial Protection Bureau: Complaint regarding my mortgage servicer.", ["regulator"]),
        ("Dear Senator Smith, please look into how this bank treats seniors.", ["petition"]),
        ("At this point, I contacted and engaged the District Attorneys office.", ["police"]),
        ("I am in the process of taking them to court for harassment.", ["litigation"]),
        ("If you do not fix it then I need only go to court.", ["litigation"]),
        ("I am asking CFPB to conduct an in-depth investigation into my complaint.", ["regulator"]),
        ("Citi sent a response to my CFPB complaint but nothing changed.", ["regulator"]),
        ("I provided them all the law enforcement reporting I had pursued.", ["police"]),
    ],
)
def test_the_english_complainants_own_threats_are_found(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The collector threatened to sue me if I did not pay.",
        "They are suing me for a debt I do not owe.",
        "I was told to contact the police.",
        "I have not filed a police report.",
        "I can't afford to hire an attorney.",
        "They said they would take legal steps if I did not pay by Friday.",
        "The debt collection attorney sent me a letter.",
        "I met with a HUD approved housing counselor.",
        "Later I heard of the class action lawsuit on the news.",
        "They responded with a letter requesting that I send them a police report.",
        "The agreement lets the agency refer the account, if any, for the commencement of litigation.",
    ],
)
def test_someone_elses_words_negations_and_mentions_are_no_threat(text: str) -> None:
    assert kinds(text) == []


def test_a_threat_already_carried_out_is_marked_done_and_a_promise_is_not() -> None:
    (done,) = detect_threats_en("I reported it to the police last week.")
    (promised,) = detect_threats_en("If nothing changes I will report it to the police.")
    assert (done.kind, done.done) == ("police", True)
    assert (promised.kind, promised.done) == ("police", False)
    assert "report it to the police" in promised.evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am 78 years old and live on a fixed income.", ["elderly", "low_income"]),
        ("I was diagnosed with cancer and could not work.", ["ill", "low_income"]),
        ("My wife and I are both retired and live on a fixed income.", ["elderly", "low_income"]),
        ("I was enrolled in two classes at the university without my consent.", ["student"]),
        ("I became ill after my husband died.", ["ill"]),
        ("I was on unemployment last year and can barely make ends meet.", ["low_income"]),
        ("I am a full-time student.", ["student"]),
        ("I am permanently disabled and receive SSDI.", ["disabled"]),
        ("I lost my job during the pandemic.", ["low_income"]),
        ("My husband has cancer.", []),
        ("I am a student loan borrower.", []),
        ("They disabled my online account.", []),
        ("I am 30 days late on one payment.", []),
        ("I am 90 days late on one payment and I'm 100 % sure it is not my account.", []),
        ("We fell behind because of our daughter's medical condition.", []),
        ("It disturbs me that the elderly are being targeted.", []),
        ("I was automatically enrolled in a rewards program.", []),
        ("I am getting sick and tired of dealing with Experian.", []),
    ],
)
def test_vulnerabilities_are_read_only_when_said_of_the_complainant(text: str, expected: list[str]) -> None:
    assert vulnerable(text) == expected


def test_an_id_number_column_still_makes_an_english_complainant_elderly() -> None:
    hits = detect_vulnerable_en("Please fix my account.", id_number="110101194501011237", at=date(2020, 6, 1))
    assert [hit.kind for hit in hits] == ["elderly"]


def test_dollar_amounts_are_read_in_every_written_form() -> None:
    text = "They charged {$1,200.00} plus $35 and USD 12.50, then 40 dollars more."
    assert [amount.value for amount in find_amounts_en(text)] == [1200.0, 35.0, 12.5, 40.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I want a refund of the {$35.00} overdraft fee and the {$12.00} interest.", 47.0),
        ("My balance was {$2,400.00}. I am asking them to reimburse me {$150.00} for the late fees.", 150.0),
        ("I was refunded {$20.00} last week, but the {$40.00} fee is still there.", None),
        ("The loan was for {$5,000.00} and I paid it on time.", None),
        ("I will be seeking a minimum of {$5000.00} in damages for defamation.", 5000.0),
        ("CRS withdrew {$490.00} without my signed authorization. I want the funds returned to my account.", 490.0),
        ("They charged me $35 and then another $12. I want my money back.", None),  # which one, or both: unsaid
        ("I borrowed $5,000 last year. I want a refund of the fees.", None),  # a loan is no charge
    ],
)
def test_the_demanded_amount_is_what_the_complainant_asks_back(text: str, expected: float | None) -> None:
    assert demand(text) == expected


def test_american_dates_become_iso_dates_and_a_masked_day_keeps_its_year() -> None:
    text = "On 03/15/2019, then March 5, 2019, in June 2018, on XX/XX/2020 and on 02/30/2019."
    assert find_dates_en(text) == ("2019-03-15", "2019-03-05", "2018-06", "2020")


def test_us_consumer_finance_law_is_cited_canonically_with_its_section() -> None:
    text = (
        "Under Section 609 of the FCRA and 15 U.S.C. 1681I they must investigate; "
        "see 12 CFR 1005.11, Regulation E, and the Fair Debt Collection Practices Act."
    )
    assert find_laws_en(text) == (
        "FCRA § 609",
        "15 U.S.C. § 1681i",
        "12 C.F.R. § 1005.11",
        "Regulation E",
        "FDCPA",
    )


def test_extract_reads_an_english_complaint_with_the_english_rules() -> None:
    text = normalize_text(
        "On 03/15/2019 I was charged {$35.00}. I want a refund of the {$35.00} fee under Regulation E."
    )
    extraction = extract(text)
    assert extraction.demand_amount == 35.0
    assert extraction.dates == ("2019-03-15",)
    assert extraction.laws == ("Regulation E",)


def test_the_reader_gives_an_english_complaint_its_threats_and_vulnerabilities() -> None:
    record = ComplaintRecord(
        complaint_id="3146310",
        received_at=datetime(2020, 1, 1, tzinfo=UTC),
        content="I am 80 years old. If the bank does not refund the {$300.00} I will file a complaint with the CFPB.",
    )
    (reading,) = ComplaintReader().read([record], today=date(2020, 1, 1))
    assert reading.threats == ["regulator"]
    assert reading.vulnerable == ["elderly"]
    assert reading.demand_amount == 300.0
    assert reading.versions["rules"] == "rules-2"
