"""Small builders of complaint files for tests."""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADER_ZH = [
    "投诉编号",
    "受理时间",
    "投诉渠道",
    "机构",
    "产品",
    "投诉人",
    "身份证号",
    "联系电话",
    "诉求金额",
    "投诉内容",
]

_SUBJECTS = ["信用卡年费", "保单退保", "贷款利息", "理赔进度", "手机银行转账", "分期手续费", "催收电话", "理财亏损"]
_PROBLEMS = [
    "一直没有得到处理，客服电话打了很多次",
    "业务员当初承诺可以随时退，现在却说要扣很多钱",
    "明细里多出一笔不认识的扣款，要求说明",
    "催收人员每天打电话给我的家人和同事",
    "材料已经交齐一个多月了还没有结果",
    "系统故障导致转账失败，钱被冻结了三天",
]
_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞"]


def complaint_rows(count: int, *, seed: int = 1, prefix: str = "T") -> list[list[str]]:
    """``count`` plausible complaint rows under :data:`HEADER_ZH`, deterministic for ``seed``."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        day = 1 + index % 28
        subject = rng.choice(_SUBJECTS)
        rows.append(
            [
                f"{prefix}-{index:06d}",
                f"2026-0{1 + index % 9}-{day:02d} {8 + index % 10}:{index % 60:02d}",
                rng.choice(["电话", "APP", "12378转办", "柜面", "信函"]),
                rng.choice(["北京分行", "上海分行", "广州分行", "成都分行"]),
                rng.choice(["信用卡", "个人消费贷", "终身寿险", "重疾险"]),
                rng.choice(_NAMES),
                "",
                f"13{rng.randrange(100000000, 999999999)}",
                str(rng.choice([0, 500, 1200, 36000])),
                f"关于{subject}：{rng.choice(_PROBLEMS)}。第{index}号投诉，请尽快处理。",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]], *, header: list[str] = HEADER_ZH, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, header: list[str] = HEADER_ZH) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
