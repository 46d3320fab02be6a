"""Radicals a PDF's fonts put for ideographs are read as those ideographs, one character for one."""

from __future__ import annotations

from plankg.loaders.glyphs import as_ideographs, has_stand_ins

# 国办发〔2018〕123号 as Chromium's print to PDF has it in its text layer (tests/test_formats.py prints it)
PRINTED = "⼀、总体要求\n各省、⾃治区、直辖市⼈⺠政府，国务院各部委：\n更加便捷的政⺠互动和办事服务平台"


def test_radicals_and_supplement_forms_become_the_ideographs_they_stand_for() -> None:
    read = as_ideographs(PRINTED)
    assert read == "一、总体要求\n各省、自治区、直辖市人民政府，国务院各部委：\n更加便捷的政民互动和办事服务平台"
    assert len(read) == len(PRINTED)  # offsets stay where they are
    assert has_stand_ins(PRINTED) and not has_stand_ins(read)


def test_a_radical_that_is_only_part_of_characters_is_left_alone() -> None:
    assert as_ideographs("⺡⺮") == "⺡⺮" and not has_stand_ins("⺡⺮")  # water, bamboo: no character of their own
    assert as_ideographs("⻓江⻔户⻜机") == "长江门户飞机"
