"""The default taxonomy labels complaints on the regulators' axes with no training."""

from __future__ import annotations

import pytest

from tousu.analysis.category import load_category_model

MODEL = load_category_model()


def test_the_default_model_has_a_version_and_labels_on_both_sectors_axes() -> None:
    assert MODEL.version == "default-category-2"
    assert "贷款·债务催收" in MODEL.labels
    assert "退保纠纷·普通人寿保险" in MODEL.labels
    assert "其他·其他" in MODEL.labels


def test_harassing_collection_of_a_loan_is_loan_debt_collection() -> None:
    [result] = MODEL.predict(["网贷逾期三天，催收人员天天打电话骚扰我的家人和同事，还威胁要上门"])
    assert result.label == "贷款·债务催收"
    assert "催收" in result.cues


def test_a_life_policy_surrender_is_a_surrender_dispute_on_the_life_line() -> None:
    [result] = MODEL.predict(["要求全额退保，业务员只退现金价值"], products=["终身寿险"])
    assert result.label == "退保纠纷·普通人寿保险"


def test_a_car_claim_is_a_claim_dispute_on_the_motor_line() -> None:
    [result] = MODEL.predict(["车险出险后保险公司定损太低，拖了两个月还不赔付"])
    assert result.label.startswith("理赔纠纷·")
    assert result.label.endswith("机动车辆保险")


def test_the_product_field_decides_the_sector_when_given() -> None:
    text = "业务员当时说是存款，后来才知道是分红险，要求退钱"
    [as_insurance] = MODEL.predict([text], products=["分红型两全保险"])
    [as_bank] = MODEL.predict([text], products=["个人储蓄"])
    assert as_insurance.label.split("·")[0] in {"销售纠纷", "退保纠纷"}
    assert as_bank.label.split("·")[0] in {"人民币储蓄", "其他", "贷款", "银行卡", "支付结算", "个人金融信息"}


def test_a_card_fee_charged_without_consent_is_a_pricing_complaint() -> None:
    [result] = MODEL.predict(["信用卡每年私自扣年费，从来没有告知过我"])
    assert result.label == "银行卡·定价收费"


@pytest.mark.parametrize(
    ("text", "product", "expected"),
    [
        ("A debt collector keeps calling my family about a debt I do not owe.", None, "贷款·债务催收"),
        ("I was charged a late fee on my credit card although I paid on time.", None, "银行卡·定价收费"),
        ("Accounts on my credit report are not mine: this is identity theft.", None, "个人金融信息·消费者信息安全"),
        (
            "They denied my loan modification without any reason.",
            "Conventional home mortgage",
            "贷款·管理制度、业务规则与流程",
        ),
    ],
)
def test_english_complaints_land_on_the_same_axes(text: str, product: str | None, expected: str) -> None:
    [result] = MODEL.predict([text], products=[product])
    assert result.label == expected


def test_a_text_without_any_cue_falls_back_with_low_confidence() -> None:
    [result] = MODEL.predict(["你好"])
    assert result.label == "其他·其他"
    assert result.confidence < 0.3


def test_products_must_match_texts_in_length() -> None:
    with pytest.raises(ValueError, match="length"):
        MODEL.predict(["a", "b"], products=["保险"])


def test_confidence_is_higher_when_the_evidence_agrees() -> None:
    [clear, mixed] = MODEL.predict(
        ["暴力催收，爆通讯录，恐吓威胁我的家人，催收电话不断", "催收电话多，手续费也高，合同条款也不合理"]
    )
    assert clear.confidence > mixed.confidence


def test_the_category_and_emotion_models_import_no_database_web_or_command_line_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tousu.analysis.category, tousu.analysis.emotion;"
        "print(sorted(m for m in ('sqlalchemy', 'fastapi', 'typer', 'tousu.cli', 'tousu.db') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_reading_with_the_default_models_loads_no_learning_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, datetime as d;"
        "from tousu.analysis.pipeline import ComplaintReader;"
        "from tousu.analysis.records import ComplaintRecord;"
        "r = ComplaintRecord('C1', d.datetime(2026, 1, 1, tzinfo=d.UTC), '催收骚扰我的家人，我要向银保监会投诉');"
        "[reading] = ComplaintReader().read([r]);"
        "print(reading.threats, 'sklearn' in sys.modules, 'joblib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["['regulator']", "False", "False"]


def test_an_institution_can_load_its_own_edited_taxonomy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from importlib.resources import files

    shipped = files("tousu.analysis").joinpath("data", "category_taxonomy.toml").read_text(encoding="utf-8")
    edited = shipped.replace('version = "default-category-2"', 'version = "bank-taxonomy-7"').replace(
        '[bank.cause."债务催收"]\nstrong = [', '[bank.cause."债务催收"]\nstrong = ["外包催收公司", '
    )
    path = tmp_path / "category_taxonomy.toml"
    path.write_text(edited, encoding="utf-8")
    model = load_category_model(path)
    assert model.version == "bank-taxonomy-7"
    [result] = model.predict(["贷款逾期后外包催收公司找到我"])
    assert result.label == "贷款·债务催收"
    assert "外包催收公司" in result.cues


def test_a_missing_taxonomy_file_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="rule file not found"):
        load_category_model(tmp_path / "mine.toml")
