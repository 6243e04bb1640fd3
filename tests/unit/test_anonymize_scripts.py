"""Round five of issue #20: names in other scripts, from the lists in toolkit/anonymize/data/script_names."""

from pathlib import Path

import pytest

import toolkit.anonymize
from toolkit.anonymize import find_entities
from toolkit.anonymize.script_names import spaced_name, unspaced_names
from toolkit.anonymize.tokens import split_words


def people(text):
    return [e.text for e in find_entities(text) if e.type == "PERSON"]


def test_every_list_has_its_header_and_no_romanised_or_spaced_entries():
    folder = Path(toolkit.anonymize.__file__).parent / "data" / "script_names"
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 15
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert any("not copied from any list" in line for line in lines if line.startswith("#")), path.name
        names = [line for line in lines if line and not line.startswith("#")]
        # 40 (Tifinagh: only the names its writer was sure of) to 1,129 (30 peoples writing Cyrillic in one list)
        assert 40 <= len(names) <= 1200 and len(set(names)) == len(names), path.name
        assert not any(" " in name or name.isascii() for name in names), path.name


@pytest.mark.parametrize("text, name", [
    ("رامي قال لي إنه سيأتي", "رامي"),
    ("ورامي قال", "ورامي"),  # "and Rami": the prefix stays with the token
    ("אתמול רמי אמר לי", "רמי"),
    ("გუშინ ნინო მოვიდა", "ნინო"),
    ("დღეს ლევანმა მითხრა", "ლევანმა"),  # a Georgian case ending
    ("ራሔል ደውላልኝ", "ራሔል"),
    ("I told Արամ about it", "Արամ"),
    ("지은이랑 같이 갔어", "지은이랑"),  # a Korean particle
    ("and then Маша said no", "Маша"),
    ("ο Νίκος είπε όχι", "Νίκος"),
])
def test_a_listed_name_of_another_script(text, name):
    assert name in people(text)


@pytest.mark.parametrize("text, name", [("我和王志明昨天去了公园", "王志明"), ("田中さんと話した", "田中")])
def test_a_listed_name_inside_text_written_without_spaces(text, name):
    assert [e.text for e in unspaced_names(text)] == [name]
    assert name in people(text)


@pytest.mark.parametrize("text", ["나는 학교에 갔다", "我们明天去公园吧", "გუშინ სახლში ვიყავი", "ذهبت إلى البيت"])
def test_ordinary_words_of_those_scripts_are_no_names(text):
    assert people(text) == []


def test_a_word_keeps_its_combining_marks():
    assert split_words("मेरा नाम राम है")[1::2] == ["मेरा", "नाम", "राम", "है"]
    assert split_words("ẹ̀kọ́ dé")[1::2] == ["ẹ̀kọ́", "dé"]
    assert not spaced_name("xyz")
