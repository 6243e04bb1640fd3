"""Addresses written in Chinese, Japanese and Arabic script, which the Latin-letter address rules never read.

- Chinese: a run of characters holding a road, street or lane word and a house number with 号/號
  ("科华北路65号3栋2单元501", "河南路二段262號7樓之3"), from the start of the run (city and district included)
  to its end (building, floor and flat).
- Japanese: a run holding 丁目 and its block and house numbers ("若林2丁目18-5"), with a building name and room
  after a space ("コーポ松陰203").
- Arabic and Persian script: three or more parts separated by commas, at least one opening with a street,
  building, floor, alley, house or quarter word and at least one holding a number ("شارع الجرابة، عمارة 22،
  الدور الثالث"; Arabic-Indic digits too).
"""

from __future__ import annotations

import re

from .entities import Entity

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_KANA = "\u3040-\u30ff"
# Characters that may follow a house number in the same address: building, unit, floor, flat words and numbers.
CHINESE_ADDRESS = re.compile(
    rf"[{_HAN}]{{2,}}?(?:路|街|道|巷|弄|里)[{_HAN}\d一二三四五六七八九十段]{{0,8}}?\d+\s?[号號]"
    rf"(?:[{_HAN}\dA-Za-z之\-]{{0,16}}(?:\d+|[A-Z])(?:[室号號樓楼层層座栋棟]|單元|单元)?)?"
)
JAPANESE_ADDRESS = re.compile(
    rf"[{_HAN}{_KANA}]{{2,}}\d+丁目\d+(?:[-－]\d+){{0,2}}(?:\s?[{_HAN}{_KANA}ー]+\d{{1,4}})?"
)
_ARABIC = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0640"  # letters (the block's commas and marks left out)
_ADDRESS_WORDS = ("شارع", "عمارة", "بناء", "بناية", "طابق", "الطابق", "الدور", "زقاق", "محلة", "حي", "دار", "شقة",
                  "جادة", "خانه", "سرک", "کوچه", "خیابان", "پلاک", "بيت", "منزل")
_PART = rf"[{_ARABIC}\d\u0660-\u0669\u06f0-\u06f9 ]{{2,40}}"
ARABIC_ADDRESS = re.compile(rf"(?<![{_ARABIC}]){_PART}(?:\s*[،,]\s*{_PART}){{2,6}}(?![{_ARABIC}\d])")
_DIGIT = re.compile(r"[\d\u0660-\u0669\u06f0-\u06f9]")


def addresses_in_other_scripts(text: str) -> list[Entity]:
    """ADDRESS spans of Chinese, Japanese and Arabic-script addresses (see the module).

    Examples
    --------
    >>> [e.text for e in addresses_in_other_scripts("地址：成都市武侯区科华北路65号3栋2单元501，邮编")]
    ['成都市武侯区科华北路65号3栋2单元501']
    >>> [e.text for e in addresses_in_other_scripts("i sent: شارع الجرابة، عمارة 22، الدور الثالث. ok")]
    ['شارع الجرابة، عمارة 22، الدور الثالث']
    >>> addresses_in_other_scripts("我们在路上走了3个小时，好累")
    []
    """
    found = []
    if "号" in text or "號" in text:
        found += [Entity(m.start(), m.end(), "ADDRESS", m.group()) for m in CHINESE_ADDRESS.finditer(text)]
    if "丁目" in text:
        found += [Entity(m.start(), m.end(), "ADDRESS", m.group()) for m in JAPANESE_ADDRESS.finditer(text)]
    if "،" in text or any(word in text for word in _ADDRESS_WORDS):
        for m in ARABIC_ADDRESS.finditer(text):
            parts = [part.strip() for part in re.split(r"[،,]", m.group())]
            if any(_DIGIT.search(part) for part in parts) and any(part.split()[:1] and part.split()[0] in _ADDRESS_WORDS
                                                                 for part in parts if part):
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                found.append(Entity(start, m.end(), "ADDRESS", text[start : m.end()]))
    return found
