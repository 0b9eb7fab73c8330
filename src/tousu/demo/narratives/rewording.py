"""Word-level rewording of ordinary narratives: each common word takes one of its everyday variants.

Templates share their function words (要求, 已经, 没有, 客服 ...); swapping them independently per
occurrence keeps two narratives built from the same template from sharing long runs of characters,
as two real people telling the same kind of story would not.
"""

from __future__ import annotations

import re
from random import Random

#: word -> variants (the word itself included); only swaps that read naturally in any context.
VARIANTS: dict[str, tuple[str, ...]] = {
    "要求": ("要求", "请求", "希望", "恳请", "强烈要求"),
    "已经": ("已经", "早就", "都已经", "已"),
    "没有": ("没有", "没", "并没有"),
    "根本": ("根本", "压根", "完全", "一点都"),
    "客服": ("客服", "客服人员"),
    "工作人员": ("工作人员", "员工", "办事的人", "经办人员"),
    "一直": ("一直", "始终", "总是", "老是", "一再"),
    "马上": ("马上", "立刻", "立即", "赶紧"),
    "发现": ("发现", "看到", "注意到", "留意到"),
    "告诉": ("告诉", "告知", "通知"),
    "现在": ("现在", "目前", "如今", "眼下", "到今天"),
    "时候": ("时候", "时", "那会儿"),
    "但是": ("但是", "可是", "然而", "不过", "可"),
    "所以": ("所以", "因此", "于是", "这样一来"),
    "非常": ("非常", "特别", "十分", "极其", "相当"),
    "真的": ("真的", "实在", "确实", "着实"),
    "处理": ("处理", "解决", "办理", "受理"),
    "我们": ("我们", "咱们", "我们这些人"),
    "多次": ("多次", "好几次", "反复", "屡次", "三番五次"),
    "尽快": ("尽快", "尽早", "抓紧", "早日"),
    "退还": ("退还", "返还", "退回", "退给我"),
    "问题": ("问题", "情况", "事情", "毛病"),
    "知道": ("知道", "晓得", "清楚", "了解"),
    "不知道": ("不知道", "不清楚", "不晓得"),
    "当时": ("当时", "那时", "那会", "彼时"),
    "之前": ("之前", "以前", "此前", "早先"),
    "后来": ("后来", "之后", "随后", "再后来"),
    "希望": ("希望", "盼望", "期望", "恳请"),
    "合理": ("合理", "公道", "正当", "妥当"),
    "损失": ("损失", "亏损", "经济损失"),
    "承诺": ("承诺", "保证", "答应", "许诺"),
    "很": ("很", "挺", "非常", "特别"),
    "本人": ("本人", "本人", "我本人"),
    "业务员": ("业务员", "销售", "推销员", "业务经理", "代理人"),
    "拨打了": ("拨打了", "打了", "打过"),
    "不要再": ("不要再", "别再", "不要"),
    "APP": ("APP", "app", "App", "手机软件", "客户端"),
    "好几次": ("好几次", "很多次", "N次", "无数次"),
    "个工作日": ("个工作日", "个工作日", "天"),
    "材料": ("材料", "资料", "手续"),
    "我": ("我", "我", "我", "本人"),
}
_PATTERN = re.compile("|".join(sorted(map(re.escape, VARIANTS), key=len, reverse=True)))


def reword(rng: Random, text: str, strength: float = 0.7) -> str:
    """Swap each common word for a variant with probability ``strength``."""
    rand = rng.random

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if rand() >= strength:
            return word
        options = VARIANTS[word]
        return options[int(rand() * len(options))]

    return _PATTERN.sub(swap, text)
