"""Reading English complaints: the parts of a reading that apply to English text.

A foreign export (the US CFPB database, an institution's English channel) is read with the same interchange
fields as a Chinese complaint. What applies to English text:

* money amounts (``$1,200.00``, the CFPB export's ``{$500.00}``, ``300 dollars``) and the demanded one (a request
  in the sentence, then refund / reimburse / credit back / waive ...; refunds already made are none);
* dates (``03/15/2019``, ``March 5, 2019``, ``March 2019``; ``XX/XX/2019`` with a masked day keeps its year);
* citations of US consumer-finance law (FCRA § 611, 15 U.S.C. § 1681s-2, 12 C.F.R. § 1005.11, Regulation E);
* escalation threats of the interchange kinds, read in their clause as the Chinese reader reads them: the
  complainant's own (a first person, no one else's words: "the collector threatened to sue me" is not one),
  not negated ("I have not filed a police report"), reluctance kept ("I do not want to take legal action"),
  and marked done when already taken ("I filed a complaint with the attorney general");
* vulnerable customers said of the complainant themselves (I am 78 years old, I am disabled, a fixed income).

Identifiers (phones, e-mails, cards) are read by the language-neutral finders. The rules are
``data/reading_english.toml``.

Reference: the CFPB consumer complaint database's field reference (narratives keep amounts in braces and mask
dates as XX/XX/XXXX); the threat and vulnerability rules of benchmarks/labels/README.md, carried to English.
"""

from __future__ import annotations

import re

from tousu.analysis.english.rules import english_rules

_CJK = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[A-Za-z]")


def is_english(text: str) -> bool:
    """Whether a complaint is written in English (or another Latin-script language): few CJK characters for its
    words (letters / 5 stands for a word)."""
    if not text:
        return False
    letters = len(_LETTER.findall(text))
    if letters < 10:
        return False
    cjk = len(_CJK.findall(text))
    return cjk < english_rules().max_cjk_share * (letters / 5 + cjk)
