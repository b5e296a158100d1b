"""Citations and the numbers in prose, from the law data: one function per form, used everywhere.

Every provision the answer cites is written by ``cite_zh`` / ``cite_en`` from its id
(LAW.md: ``A.P.I``; ``CL…`` for the Criminal Law), so the grounds, the next-tier
options, the opinion and the open questions cite alike. Numbers that appear in prose
(一倍, 十倍, 五十条) are written here from the law's parameters, never typed into a
sentence.

The writers of citations are cached (``functools.cache``): their domain is the few
hundred provision ids of the law data, and the opinion calls them for every clause
(measured on the bench/http.py case, CPU time per assessment: 79 µs with the opinion's
citations cached, 87 µs without). ``number_zh`` takes any count, so its cache is
bounded (``lru_cache``, 4,096 entries): a long-running service meets ever new counts.
"""

from __future__ import annotations

__all__ = [
    "article_en",
    "article_of",
    "article_zh",
    "cite_en",
    "cite_items_zh",
    "cite_zh",
    "item_en",
    "item_number_zh",
    "item_numeral_zh",
    "item_zh",
    "number_en",
    "number_zh",
    "para_en",
    "paragraph_number",
    "parent",
    "quoted_zh",
    "share_en",
    "share_zh",
    "time_rule_en",
    "time_rule_zh",
]

from fractions import Fraction
from functools import cache, lru_cache

from calculator.law import provision_text

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_GROUP_UNITS = ("", "万", "亿", "万亿")
_WORDS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _group_zh(n: int) -> str:
    """0 < n < 10000 in Chinese numerals, with 零 for inner gaps (一千零一, 一百一十)."""
    out = ""
    zero = False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _SMALL_UNITS[power]
    return out


@lru_cache(maxsize=4096)
def number_zh(n: int) -> str:
    """A non-negative integer in Chinese numerals: 60 → 六十, 4400 → 四千四百, 100500 → 十万零五百."""
    if n < 0:
        raise ValueError("number_zh: only non-negative integers")
    if n == 0:
        return _DIGITS[0]
    groups: list[int] = []
    rest = n
    while rest:
        groups.append(rest % 10000)
        rest //= 10000
    if len(groups) > len(_GROUP_UNITS):
        return str(n)
    out = ""
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out += "零"
        out += _group_zh(group) + _GROUP_UNITS[index]
        pending_zero = False
    if out.startswith("一十"):
        out = out[1:]  # 十五, 十万; but 一百一十 keeps its inner 一十
    return out


def number_en(n: int) -> str:
    """A small count in English words (one … ten), larger ones in digits with separators."""
    return _WORDS_EN[n] if 0 <= n < len(_WORDS_EN) else f"{n:,}"


@cache
def cite_zh(provision: str) -> str:
    """``5.1.3`` → 《解释》第五条第一款第三项; ``CL253-1.2`` → 刑法第二百五十三条之一第二款."""
    if provision.startswith("CL"):
        article, _, paragraph = provision[2:].partition(".")
        number, _, inserted = article.partition("-")  # 253-1: 第二百五十三条之一
        text = f"刑法第{number_zh(int(number))}条"
        if inserted:
            text += f"之{number_zh(int(inserted))}"
        if paragraph:
            text += f"第{number_zh(int(paragraph))}款"
        return text
    return "《解释》" + article_zh(provision)


@cache
def article_zh(provision: str) -> str:
    """An Interpretation provision without the instrument: ``5.1.10`` → 第五条第一款第十项."""
    parts = [int(p) for p in provision.split(".")]
    text = f"第{number_zh(parts[0])}条"
    if len(parts) > 1:
        text += f"第{number_zh(parts[1])}款"
    if len(parts) > 2:
        text += f"第{number_zh(parts[2])}项"
    return text


@cache
def cite_en(provision: str) -> str:
    """``5.1.3`` → Art. 5(1)(3) of the Interpretation; ``CL253-1.2`` → Art. 253-1(2) of the Criminal Law."""
    if provision.startswith("CL"):
        article, _, paragraph = provision[2:].partition(".")
        return f"Art. {article}" + (f"({paragraph})" if paragraph else "") + " of the Criminal Law"
    return item_en(provision) + " of the Interpretation"


@cache
def item_zh(provision: str) -> str:
    """Within an article: ``5.1.3`` → 第一款第三项 (once 《解释》第五条 is named)."""
    _, paragraph, item = provision.split(".")
    return f"第{number_zh(int(paragraph))}款第{number_zh(int(item))}项"


@cache
def item_en(provision: str) -> str:
    """``5.1.3`` → Art. 5(1)(3); ``5.2`` → Art. 5(2); ``CL253-1`` → Art. 253-1."""
    article, *rest = provision.removeprefix("CL").split(".")
    return f"Art. {article}" + "".join(f"({p})" for p in rest)


@cache
def para_en(provision: str) -> str:
    """A paragraph, as the English notes name it: ``6.2`` → Art. 6 para 2; ``CL253-1.4`` → CL253-1 para 4."""
    article, _, paragraph = provision.rpartition(".")
    name = article if article.startswith("CL") else item_en(article)
    return f"{name} para {paragraph}"


def article_en(provision: str) -> str:
    """A Criminal Law article in full: ``CL253-1`` → Article 253-1 of the Criminal Law."""
    return f"Article {provision.removeprefix('CL')} of the Criminal Law"


def parent(provision: str) -> str:
    """The provision one level up: ``5.1.3`` → ``5.1``; ``5.2`` → ``5``; ``CL253-1.1`` → ``CL253-1``."""
    return provision.rpartition(".")[0]


def article_of(provision: str) -> str:
    """The article of a provision of the Interpretation: ``6.1.2`` → ``6``."""
    return provision.partition(".")[0]


_TIME_RULE_ZH = "关于适用刑事司法解释时间效力问题的规定"
"""The short title of the 2001 rule on the temporal effect of interpretations (``TE2001.N``)."""


def time_rule_zh(provision: str) -> str:
    """A clause of the temporal-effect rule: ``TE2001.2`` → 《关于适用刑事司法解释时间效力问题的规定》第二条."""
    clause = int(provision.partition(".")[2])
    return f"《{_TIME_RULE_ZH}》第{number_zh(clause)}条"


def time_rule_en(provision: str) -> str:
    """``TE2001.2`` → clause 二 of the 2001 rule on temporal effect (its clauses are numbered 一、二…)."""
    year, _, clause = provision.removeprefix("TE").partition(".")
    return f"clause {number_zh(int(clause))} of the {year} rule on temporal effect"


def item_number_zh(provision: str) -> str:
    """The item alone: ``5.1.8`` → 第八项."""
    return f"第{item_numeral_zh(provision)}项"


def item_numeral_zh(provision: str) -> str:
    """An item's number in Chinese numerals, as the English texts name items: ``5.1.6`` → 六."""
    return number_zh(int(provision.split(".")[2]))


def paragraph_number(provision: str) -> str:
    """A provision's paragraph: ``5.2`` → ``2``; ``5.1.3`` → ``1``."""
    return provision.split(".")[1]


def cite_items_zh(first: str, last: str) -> str:
    """Items of one paragraph: ``5.1.3``, ``5.1.8`` → 第三项至第八项."""
    return f"{item_number_zh(first)}至{item_number_zh(last)}"


def quoted_zh(provision: str) -> str:
    """An item's own words without its number and closing mark: ``5.1.10`` → 其他情节严重的情形."""
    text = provision_text(provision)
    if text.startswith("（"):
        text = text[text.index("）") + 1 :]
    return text.rstrip("。；：")


def share_zh(share: Fraction) -> str:
    """A share of a standard in words: 1/2 → 一半, 2/3 → 三分之二."""
    if share == Fraction(1, 2):
        return "一半"
    return f"{number_zh(share.denominator)}分之{number_zh(share.numerator)}"


def share_en(share: Fraction) -> str:
    """A share of a standard in words: 1/2 → half, 2/3 → 2/3."""
    if share == Fraction(1, 2):
        return "half"
    return f"{share.numerator}/{share.denominator}"
