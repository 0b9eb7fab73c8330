"""The default emotion model reads complaints the way a complaint handler would, with no training."""

from __future__ import annotations

import pytest

from tousu.analysis.emotion import load_emotion_model
from tousu.analysis.emotion.lexicon import EmotionLexicon, default_lexicon

MODEL = load_emotion_model()


def predict(text: str):  # type: ignore[no-untyped-def]
    return MODEL.predict([text])[0]


def test_the_default_model_has_the_complaint_label_set_and_a_version() -> None:
    assert MODEL.version == "default-emotion-3"
    assert MODEL.labels == ("anger", "anxiety", "sadness", "disappointment", "neutral")


def test_insults_and_accusations_raise_the_intensity_of_anger() -> None:
    plain = predict("你们乱收费，我非常不满，要求退还多扣的费用")
    insulting = predict("你们这帮骗子乱收费，简直就是诈骗，和黑社会有什么区别，我非常不满，要求退还多扣的费用")
    assert plain.label == insulting.label == "anger"
    assert insulting.intensity > plain.intensity + 0.15
    assert "insults:骗子" in insulting.cues and "accusations:黑社会" in insulting.cues


def test_exclamation_marks_make_the_same_words_stronger() -> None:
    calm = predict("催收员态度恶劣，威胁要上门")
    shouting = predict("催收员态度恶劣！！！威胁要上门！！！")
    assert calm.label == shouting.label == "anger"
    assert shouting.intensity > calm.intensity


def test_negated_anger_is_not_anger() -> None:
    result = predict("我并不生气，只是想了解一下提前还款需要什么手续")
    assert result.label == "neutral"
    assert "negated:生气" in result.cues
    assert result.intensity <= 0.3


def test_a_demand_to_stop_harassment_is_not_read_as_a_negation() -> None:
    result = predict("请你们不要再骚扰我的家人和同事，已经严重影响了我们的生活")
    assert "anger:骚扰" in result.cues and not any(cue.startswith("negated:") for cue in result.cues)


def test_an_account_of_what_was_done_is_not_anger_until_the_complainant_says_how_they_feel() -> None:
    account = predict("催收人员威胁给公司打电话，电话骚扰，私自扣款")
    angry = predict("催收人员威胁给公司打电话，电话骚扰，私自扣款，我非常气愤，简直欺人太甚")
    assert account.label == "neutral" and angry.label == "anger"


def test_words_that_only_hold_a_cue_are_no_cue() -> None:
    result = predict("麻烦贵公司帮我销户，也拜托黑猫帮帮忙")
    assert result.label == "neutral" and result.cues == ()


def test_a_negated_accusation_asked_back_affirms_it() -> None:
    assert "accusations:高利贷" in predict("贷17000还了35000多，这不是高利贷是啥").cues
    assert "negated:高利贷" in predict("利率在国家规定以内，不是高利贷").cues


def test_being_cheated_and_led_on_is_anger() -> None:
    assert predict("开户送红包根本没有，又要缴费，骗人开户").label == "anger"


def test_a_neutral_enquiry_is_neutral_with_low_intensity() -> None:
    for text in ("请问信用卡账单日可以修改吗？", "您好，想咨询一下保单的现金价值怎么查询，谢谢"):
        result = predict(text)
        assert result.label == "neutral", text
        assert result.intensity <= 0.3


def test_fear_of_collectors_is_anxiety() -> None:
    result = predict("天天接到催收电话，说要去我单位，家里人都很害怕，我晚上睡不着，不知道该怎么办")
    assert result.label == "anxiety"


def test_waiting_months_without_an_answer_is_disappointment() -> None:
    result = predict("三个月前就提交了理赔材料，至今一直没有回复，对贵公司彻底失望")
    assert result.label == "disappointment"


def test_a_bereaved_family_refused_a_claim_is_sad() -> None:
    result = predict("父亲去世后申请理赔被拒，我们全家欲哭无泪，真的很绝望")
    assert result.label == "sadness"
    assert result.intensity > 0.4


def test_emoticon_tokens_count_as_cues() -> None:
    assert predict("又扣了我一次年费[怒][怒]").label == "anger"


def test_ascii_swear_words_match_whatever_their_case() -> None:
    assert "anger:tmd" in predict("tmd又乱扣费").cues


@pytest.mark.parametrize(
    "text",
    ["", "！！！！！！！！", "骗子" * 200, "生气" * 50 + "！" * 100, "请问"],
)
def test_intensity_and_confidence_stay_within_zero_and_one(text: str) -> None:
    result = predict(text)
    assert 0.0 <= result.intensity <= 1.0
    assert 0.0 <= result.confidence <= 1.0


def test_a_lexicon_with_a_label_that_has_no_cue_words_is_refused() -> None:
    document = {
        "meta": {"version": "x", "labels": ["anger", "rage", "neutral"], "neutral": "neutral", "threshold": 0.5}
    }
    with pytest.raises(ValueError, match="rage"):
        EmotionLexicon.from_toml(document)


def test_lexicon_features_have_one_row_per_text_and_count_insults() -> None:
    features = default_lexicon().features(["骗子骗子", "请问怎么还款"])
    assert features.shape[0] == 2
    assert features[0].sum() > features[1].sum()


def test_a_single_everyday_word_does_not_make_a_complaint_emotional() -> None:
    result = predict("跑了三趟网点有点累，想问一下还款卡怎么变更")
    assert result.label == "neutral"
    assert "sadness:累" in result.cues


def test_a_word_listed_in_two_tiers_counts_once_at_its_strongest() -> None:
    lexicon = EmotionLexicon.from_toml(
        {
            "meta": {"version": "t", "labels": ["anger", "neutral"], "neutral": "neutral", "threshold": 0.5},
            "emotions": {"anger": {"strong": ["气死"], "weak": ["气死"]}},
        }
    )
    assert lexicon.scan("气死").score("anger") == 1.0


def test_an_institution_can_load_its_own_edited_lexicon(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from importlib.resources import files

    shipped = files("tousu.analysis").joinpath("data", "emotion_lexicon.toml").read_text(encoding="utf-8")
    edited = shipped.replace('version = "default-emotion-3"', 'version = "bank-emotion-2"').replace(
        'strong = [\n  "愤怒",', 'strong = [\n  "投诉到底不罢休", "愤怒",'
    )
    path = tmp_path / "emotion_lexicon.toml"
    path.write_text(edited, encoding="utf-8")
    model = load_emotion_model(path)
    assert model.version == "bank-emotion-2"
    assert "anger:投诉到底不罢休" in model.predict(["这件事我投诉到底不罢休"])[0].cues


def test_a_broken_lexicon_file_is_one_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "emotion_lexicon.toml"
    path.write_text("[meta\nversion = 1", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot be read"):
        load_emotion_model(path)


def test_an_english_complaint_is_read_with_the_english_tables() -> None:
    result = predict("I am absolutely furious!!! These scammers took $300 from my account and hung up on me.")
    assert result.label == "anger"
    assert "anger:furious" in result.cues and "insults:scammers" in result.cues
    assert result.intensity > 0.5


def test_english_cues_match_whole_words_only() -> None:
    # "mad" is in "made", "hell" in "hello", "sad" in "sadie": none of them is a feeling
    result = predict("Hello, I made a payment to Sadie's account on March 5 and would like a copy of the receipt.")
    assert result.label == "neutral"
    assert result.cues == ()


def test_negated_english_feelings_do_not_count_but_a_demand_to_stop_does() -> None:
    calm = predict("I was not really upset about the fee, I only want to know why my statement shows it.")
    assert calm.label == "neutral"
    assert "negated:upset" in calm.cues
    demand = predict("Do not harass me again. The collector calls my mother and my office every day, it is abusive.")
    assert demand.label == "anger"
    assert "anger:harass" in demand.cues


def test_an_english_fear_of_losing_a_home_is_anxiety_and_a_let_down_customer_is_disappointment() -> None:
    fear = predict("I am so worried that I will lose my home, I cannot sleep and I do not know what to do.")
    assert fear.label == "anxiety"
    let_down = predict("I have been a loyal customer for 20 years and I am very disappointed in how I was treated.")
    assert let_down.label == "disappointment"


def test_a_formal_dispute_letter_in_legal_words_is_neutral() -> None:
    letter = (
        "I am writing to dispute a fraudulent account on my credit report. Under FCRA section 611 the bureau must "
        "investigate and delete inaccurate information within 30 days. The account was opened illegally without "
        "my authorization as a result of identity theft."
    )
    assert predict(letter).label == "neutral"


def test_latin_letters_of_the_chinese_tables_count_only_as_words_of_their_own() -> None:
    # "tm" is an insult's abbreviation, and also the end of "ATM"
    assert predict("ATM机吞卡了，请尽快处理").cues == ()
    assert "anger:tm" in predict("tm的又乱扣费").cues


def test_english_exclamation_marks_alone_read_as_anger_but_one_mark_does_not() -> None:
    shouting = predict("They took the payment twice again!!!!!! Unauthorized by me and illegal!")
    assert shouting.label == "anger"
    assert "anger:!" in shouting.cues
    assert predict("Please send me the payoff letter for my auto loan by Friday, thanks!").label == "neutral"


def test_someone_elses_english_feeling_is_not_the_complainants() -> None:
    result = predict("I asked the representative for the settlement letter. She got really angry and ended the call.")
    assert result.label == "neutral"
    assert "others:angry" in result.cues


def test_the_default_models_reasons_leave_out_the_feelings_it_never_answers_with() -> None:
    result = predict("客服态度好，但乱收费忍无可忍！[哈哈]")
    assert result.label == "anger"
    assert "anger:乱收费" in result.cues and "exclamations:1" in result.cues
    assert not any(cue.startswith(("joy:", "emoticon:joy")) for cue in result.cues)
    assert MODEL.lexicon.scan("客服态度好").evidence == ("joy:好",)  # still read, as a feature for trained models
