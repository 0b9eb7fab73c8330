"""Messages a person reads about a complaint file: the intake catalogue, Chinese first, then English."""

from __future__ import annotations

#: key -> (Chinese template, English template). English parts never contain " / ".
MESSAGES: dict[str, tuple[str, str]] = {
    # row level
    "missing_id": ("缺少投诉编号", "missing complaint id"),
    "missing_content": ("缺少投诉内容", "missing complaint content"),
    "missing_received_at": ("缺少受理时间", "missing received date"),
    "unreadable_date": (
        '无法识别的日期 "{value}"（请使用 2026-03-05 或 2026年3月5日 等格式）',
        "unreadable date",
    ),
    "unreadable_amount": (
        '无法识别的金额 "{value}"（请使用 3500、3.5万 或 叁仟伍佰元 等写法）',
        "unreadable amount",
    ),
    "unreadable_boolean": ('无法识别的是/否值 "{value}"（请填写 是 或 否）', "unreadable yes/no value"),
    "duplicate_id": (
        '投诉编号 "{value}" 重复，第 {other} 行已有此编号（每个编号只能出现一次）',
        "duplicate id, also at row {other}",
    ),
    "too_many_cells": (
        "该行有 {cells} 个单元格，表头只有 {headers} 列（内容中可能有未加引号的逗号）",
        "row has {cells} cells but the header has {headers} columns",
    ),
    "undecodable": ("该行无法按 {encoding} 编码读取（文件中混有其他编码）", "row cannot be decoded as {encoding}"),
    "not_json_object": ("该行不是 JSON 对象：{detail}", "line is not a JSON object"),
    # file level
    "file_missing": ("找不到文件 {path}（请检查路径）", "file not found: {path}"),
    "unknown_extension": (
        "无法识别文件类型「{suffix}」：{path}（请另存为 .csv、.xlsx 或 .jsonl）",
        "unknown file type {suffix!r}: {path} (save it as .csv, .xlsx or .jsonl)",
    ),
    "legacy_xls": (
        "不支持旧版 Excel 文件 {path}（请在 Excel 中另存为 .xlsx）",
        "old Excel format is not supported: {path} (save it as .xlsx)",
    ),
    "empty_file": ("文件为空：{path}（没有表头，也没有数据）", "the file is empty: {path}"),
    "no_header": ("文件中找不到表头行：{path}", "no header row found in {path}"),
    "missing_columns": (
        "文件 {path} 缺少必填列：{columns}（找到的表头：{found}）。请添加这些列，或用列映射文件指明对应的列",
        "{path} lacks required column(s) {columns}; headers found: {found}. "
        "Add the columns or name them in a column mapping",
    ),
    "mapping_headers_absent": (
        "列映射中的表头在文件 {path} 中不存在：{columns}（找到的表头：{found}）",
        "the mapping names headers that {path} does not have: {columns}; headers found: {found}",
    ),
    "unknown_encoding": (
        "无法判断文件 {path} 的编码（请另存为 UTF-8 或 GB18030）",
        "cannot tell the encoding of {path} (save it as UTF-8 or GB18030)",
    ),
    "utf16": (
        "文件 {path} 为 UTF-16 编码，暂不支持（请另存为 UTF-8）",
        "{path} is UTF-16, which is not supported (save it as UTF-8)",
    ),
    "bad_workbook": (
        "无法打开 Excel 文件 {path}：{detail}（文件可能已损坏或被加密）",
        "cannot open the workbook {path}: {detail}",
    ),
    "no_sheet": (
        "Excel 文件 {path} 中没有名为「{sheet}」的工作表（现有：{sheets}）",
        "{path} has no sheet named {sheet!r}; sheets: {sheets}",
    ),
}


def parts(key: str, **values: object) -> tuple[str, str]:
    """The Chinese and English texts of message ``key`` filled with ``values``."""
    zh, en = MESSAGES[key]
    return zh.format(**values), en.format(**values)


def text(key: str, **values: object) -> str:
    """Message ``key`` as one line, ``Chinese / English``."""
    zh, en = parts(key, **values)
    return f"{zh} / {en}"
