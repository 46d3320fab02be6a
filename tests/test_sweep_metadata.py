"""The facts a reader sees first (title, date, issuers, region) in real documents of forms the fixtures lack.

Each test reads a short excerpt of a real government document in tests/fixtures/sweep, byte for byte as its public
source has it save for the parts left out (whole lines, paragraphs or items); its README names each source.
"""

from __future__ import annotations

from pathlib import Path

from plankg.loaders.pipeline import parse_document

SWEEP = Path(__file__).parent / "fixtures" / "sweep"  # sources in its README.md


def test_a_district_named_by_a_common_word_is_not_read_inside_words() -> None:
    """The report speaks of its own district (全区), and 其中区城发集团 (of which the zone's 城发集团) does not name 中区
    (a district of 台中市): 中区, 城区, 东区 … are words too, and count only where the text names the region they lie
    in. The zone names no region of GB/T 2260."""
    _, region = parse_document(SWEEP / "state_assets_report_2022.txt")
    assert region is None
