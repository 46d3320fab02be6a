"""The MinHash LSH of kg/lineage/fingerprints.py gives datasketch's signatures and banding, without importing datasketch."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from plankg.lineage import fingerprints, reuse_model, textreuse
from plankg.lineage.passages import compare, evidence, list_item, mask, name_share
from plankg.lineage.worker import start


@pytest.fixture(scope="module")
def datasketch():
    """The reference implementation (the test extra installs it; plankg itself does not import it)."""
    try:
        import datasketch
    except ImportError:
        message = "datasketch is not installed (pip install -e '.[test]')"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    return datasketch


def test_banding_is_datasketchs_optimum_for_the_threshold(datasketch) -> None:
    lsh = datasketch.MinHashLSH(threshold=fingerprints.LSH_THRESHOLD, num_perm=fingerprints.NUM_PERM)
    assert (lsh.b, lsh.r) == (fingerprints.BANDS, fingerprints.ROWS) == (37, 3)


def test_band_keys_are_those_of_datasketchs_signatures(datasketch, parsed, monkeypatch) -> None:
    """Every clause of corpus 001's measures: the band keys equal those of datasketch's MinHash of its shingles."""
    texts = [m.text for m in parsed["001_e6d1326eb6e5ef17.txt"].measures]
    sets = [grams for text in texts for c in fingerprints.clauses(mask(text, " ")) if (grams := fingerprints.shingles(c))]
    monkeypatch.setattr(fingerprints, "SIGNATURE_CHUNK", 100)  # 1,078 clauses: eleven chunks, the last one short
    template = datasketch.MinHash(num_perm=fingerprints.NUM_PERM, seed=fingerprints.SEED)
    assert template.scheme == "affine32"
    width = fingerprints.ROWS
    expected = []
    for grams in sets:
        sig = datasketch.MinHash(num_perm=fingerprints.NUM_PERM, permutations=template.permutations, scheme="affine32")
        sig.update_batch([g.encode("utf-8") for g in grams])
        expected.append([hash(sig.hashvalues[k : k + width].tobytes()) for k in range(0, fingerprints.BANDS * width, width)])
    found = list(fingerprints.band_keys(enumerate(sets)))
    assert [n for n, _ in found] == list(range(len(sets)))
    assert [keys for _, keys in found] == expected


def test_lineage_does_not_import_datasketch_or_scipy() -> None:
    code = (
        "import sys; from plankg.lineage import textreuse; "
        "textreuse.candidate_pairs([textreuse.Item('a', 'p', 'measure', '健全分层分类平战结合的应急救援队伍体系', 's', 0)]); "
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_search_shared_with_a_worker_process_finds_what_one_process_finds(corpus_store) -> None:
    from plankg.lineage.graph import reuse_items

    items, _ = reuse_items(corpus_store)
    worker = start(fingerprints.load_dictionary)
    kept: list[bytes] = []
    try:
        codes, links = textreuse.SharedSearch(items, worker).result(lambda _pairs, _compared, terms: kept.extend(terms))
    finally:
        worker.shutdown()
    pairs = textreuse.pairs_of(codes, len(items))
    assert pairs == textreuse.candidate_pairs(items)
    assert links == textreuse.score_pairs(items, pairs)
    # the pair terms given to keep, each made where its pair was compared, are those made anew from its passages
    texts = [(items[a].text, items[b].text) for a, b in sorted(pairs)]
    assert kept == [
        reuse_model.pair_terms(a, b, list(passages), longest) if passages else b""
        for (a, b), (passages, longest) in zip(texts, textreuse.compare_texts(texts), strict=True)
    ]
    assert (len(pairs), len(links)) == (1341, 103)  # the 103 copied clauses `plankg build` reports on the corpus


def test_a_short_shared_clause_inside_long_items_is_a_candidate(corpus_store) -> None:
    """001 探索对符合条件的事实无人抚养儿童开展助医助学工作 (line 307) and 000's project 探索开展事实无人抚养儿童助学
    项目: MinHash of whole clauses misses the pair, a shared run of eight characters proposes it."""
    from plankg.lineage.graph import reuse_items

    items, _ = reuse_items(corpus_store)
    index = {item.iri: n for n, item in enumerate(items)}
    plan = "https://w3id.org/plankg/id/plan/"
    pair = tuple(
        sorted(
            (
                index[plan + "210000/fyp/2021-2025/6362853e/zh-Hans/chp_2__sec_4__para_1"],
                index[plan + "450900/fyp/2021-2025/05cd351b/zh-Hans/box_4__item_2"],
            )
        )
    )
    assert pair not in textreuse.lsh_pairs(items)
    assert pair in textreuse.shared_run_pairs(items) and pair in textreuse.candidate_pairs(items)


def test_quote_marks_and_punctuation_do_not_split_a_shared_passage() -> None:
    # 001 line 477 实施“养老服务+行业”行动; 001 line 284 参照“单人户”纳入低保, written without marks elsewhere
    passages, longest = compare("实施“养老服务+行业”行动,促进文化、旅游", "实施养老服务+行业行动,促进养老服务与多种行业融合")
    assert [p.text for p in passages] == ["实施“养老服务+行业”行动,促进"] and longest == "实施养老服务行业行动促进"
    passages, _ = compare("重病、重残人员,参照“单人户”纳入低保", "重病重残人员参照单人户纳入低保范围")
    assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in passages] == [(0, 19, 0, 15)]


def test_the_items_of_a_list_are_no_policy_wording_a_clause_around_a_list_is() -> None:
    # 002 line 587 (Traditional) …帮扶县易地扶贫搬迁集中安置社区、生态移民搬迁安置社区综合服务设施短板 and 000 line 292
    # …特别是向易地扶贫搬迁集中安置社区及生态移民搬迁安置社区等辐射延伸: two places a list names, one passage each
    a = "重点补齐乡村振兴帮扶县易地扶贫搬迁集中安置社区、生态移民搬迁安置社区综合服务设施短板"
    b = "推动城市社区服务资源向农村,特别是向易地扶贫搬迁集中安置社区及生态移民搬迁安置社区等辐射延伸"
    passages, _ = compare(a, b)
    assert [p.text for p in passages] == ["易地扶贫搬迁集中安置社区", "生态移民搬迁安置社区"]
    assert [list_item(a, b, p) for p in passages] == [True, True]
    assert (evidence(passages), evidence(passages, a, b)) == (16, 0)
    # 001 line 292 and 002 line 453 (Traditional): the clause shared around the list (对遭遇…的家庭或个人) still counts
    a = "对遭遇突发事件、意外伤害、重大疾病、受传染病疫情等突发公共卫生事件影响或其他特殊原因导致基本生活暂时陷入困境"
    a += ",靠自身和家庭无力解决,其他社会救助制度暂时无法覆盖或救助之后生活仍有困难的家庭或个人"
    b = "对遭遇突发事件、意外伤害、重大疾病等导致基本生活困难的家庭或个人给予急难社会救助。"
    passages, _ = compare(a, b)
    assert [p.text for p in passages] == ["对遭遇突发事件、意外伤害、重大疾病", "困难的家庭或个人"]
    assert [list_item(a, b, p) for p in passages] == [False, False]
    assert evidence(passages, a, b) == evidence(passages) == 9
    assert name_share(a, b) == 0.0


def test_shared_names_of_instruments_are_read_as_a_name_share() -> None:
    # 001 line 460 建立特殊困难老人定期探访制度、农村留守老年人关爱服务制度 and 002 line 489 (Traditional) 建立特殊困难
    # 老人定期探访制度和农村留守老人关爱服务制度: two mechanism names with a generic verb (a shared instrument, no copied
    # clause): 21 of the 26 characters of the runs they share end at a head noun (制度); 农村留守老 does not
    a = "以重残、失能、留守、空巢、计划生育特殊家庭等特殊困难老年人为重点,"
    a += "建立特殊困难老人定期探访制度、农村留守老年人关爱服务制度。"
    b = "建立特殊困难老人定期探访制度和农村留守老人关爱服务制度,实现特殊困难老年人探访率100%"
    assert name_share(a, b) == pytest.approx(21 / 26)
    assert evidence(compare(a, b)[0], a, b) == 0  # each passage ends in a bare name


def test_a_one_line_project_sharing_a_term_is_not_half_copied(corpus_store) -> None:
    """A share of an item shorter than about a sentence (passages.WINDOW characters) counts in proportion to its
    length: 001 line 308's project 培育2家以上儿童福利机构高质量发展示范单位 (15 normalised characters: the digit and
    the stock 高质量发展 masked) shares 以上儿童福利机构 with 000 line 308 (统筹整合县级及以上儿童福利机构…), 8 of its
    characters, which count as 8/15 * 15/40."""
    from plankg.lineage.graph import reuse_items

    items = reuse_items(corpus_store)[0]
    text = {item.iri: item.text for item in items}
    plan = "https://w3id.org/plankg/id/plan/"
    a = text[plan + "210000/fyp/2021-2025/6362853e/zh-Hans/chp_2__sec_4__para_2__proj_1"]
    b = text[plan + "450900/fyp/2021-2025/05cd351b/zh-Hans/para_36"]
    stats = reuse_model.Statistics([i.text for i in items], [i.plan for i in items])
    probability, features, passages = reuse_model.score(a, b, stats)
    assert [p.text for p in passages] == ["以上儿童福利机构"]
    assert features["cover_short"] == pytest.approx(8 / 15 * 15 / 40)
    assert probability < reuse_model.shipped().threshold


def test_candidates_drawn_a_part_at_a_time_are_those_drawn_at_once(corpus_store, monkeypatch) -> None:
    from plankg.lineage.graph import reuse_items

    items, _ = reuse_items(corpus_store)
    at_once = textreuse.candidate_codes(items)
    monkeypatch.setattr(textreuse, "PAIR_CHUNK", 7)
    assert len(at_once) == 1341 and textreuse.candidate_codes(items).tolist() == at_once.tolist()
    monkeypatch.setattr(textreuse, "KEY_PART", 5000)  # and the keys a share at a time
    assert textreuse.candidate_codes(items).tolist() == at_once.tolist()


def test_a_clause_many_plans_write_pairs_its_writers_along_their_chain_of_regions_whatever_their_order() -> None:
    """A clause forty plans write word for word falls in one LSH bucket in every band: a formula (more than
    MAX_WRITERS plans). Each writer is paired with those of the FIRST_WRITERS writers ranked first (the nation's
    plan, then provinces' by item order) it may have copied (the nation's; a sibling province; its own province)
    and with the writers of the regions on its own chain (its region, its province, the nation), never with the
    counties of other provinces: the nation's plan, which writes the clause too, is their common source. The pairs
    are the same whichever order the items come in."""
    clause = "建立健全困难群众基本生活救助标准动态调整机制"
    # plan00 the nation's; plan01-06 provinces A-F; plan07-38 counties, county n in province n % 6; plan39 is an
    # annual work plan of plan38's county
    chain = [("N",)] + [(province, "N") for province in "ABCDEF"]
    chain += [(f"county{n:02}", "ABCDEF"[n % 6], "N") for n in range(7, 39)] + [("county38", "C", "N")]
    rank = [len(c) * 100 + n for n, c in enumerate(chain)]  # the depth of each plan's region, then its name
    items = [textreuse.Item(f"item{n:02}", f"plan{n:02}", "measure", clause, "source", 0) for n in range(40)]
    assert (textreuse.MAX_WRITERS, textreuse.FIRST_WRITERS, textreuse.REGION_WRITERS) == (8, 4, 8)
    first = {0, 1, 2, 3}  # lowest rank, then item order: the nation's, provinces A-C
    province = {n: "NABCDEF".index(c[1]) if len(c) == 3 else 0 for n, c in enumerate(chain)}
    expected = {(a, b) for a in first for b in range(a + 1, 40) if a == 0 or b <= 6 or province[b] == a}
    expected |= {(n % 6 + 1, n) for n in range(7, 39)} | {(38, 39)}  # a county and its province; the annual plan
    # the nation's with the 39 others; provinces A-C with the provinces after them (12) and their own 17 counties and
    # the annual plan; the 15 counties of D-F with their province; the annual plan with its county's
    assert len(expected) == 39 + 12 + 18 + 15 + 1
    pairs_named = {(f"item{a:02}", f"item{b:02}") for a, b in expected}
    for order in (list(range(40)), random.Random(14).sample(range(40), 40)):
        shuffled = [items[n] for n in order]
        places = textreuse.Places([rank[n] for n in order], [chain[n] for n in order])
        pairs = textreuse.lsh_pairs(shuffled, places=places)
        assert {tuple(sorted((shuffled[a].iri, shuffled[b].iri))) for a, b in pairs} == pairs_named
        assert textreuse.shared_run_pairs(shuffled) == set()  # a run more than MAX_SHARERS items write proposes nothing


def test_a_formula_costs_each_writer_the_same_candidates_however_many_plans_write_it() -> None:
    """A clause written word for word by a county plan in every county of ten provinces, by the provinces and by the
    nation: with 40 writers or 400, each county's plan is paired with the nation's and its own province's only (of
    the FIRST_WRITERS ranked first, those it may have copied; one bucket, one region above it), so the pairs grow
    with the writers, not faster."""
    clause = "建立健全困难群众基本生活救助标准动态调整机制"
    for writers in (40, 400):
        chain = [("N",)] + [(f"province{n}", "N") for n in range(10)]
        chain += [(f"county{n:03}", f"province{n % 10}", "N") for n in range(11, writers)]
        rank = [len(c) * 1000 + n for n, c in enumerate(chain)]
        items = [textreuse.Item(f"item{n:03}", f"plan{n:03}", "measure", clause, "source", 0) for n in range(writers)]
        pairs = textreuse.lsh_pairs(items, places=textreuse.Places(rank, chain))
        counties = writers - 11
        # the nation's with every other writer; provinces 0-2 with one another and with provinces 3-9 (siblings);
        # each county with its own province
        assert len(pairs) == (writers - 1) + 3 + 3 * 7 + counties
        assert len(pairs) in (92, 812)
        assert all(0 in pair or pair[1] <= 10 or pair[0] == pair[1] % 10 + 1 for pair in pairs)


def test_a_clause_few_plans_write_pairs_all_its_writers_however_many_times_each_writes_it() -> None:
    """A bucket of MAX_WRITERS plans or fewer is no formula, even when each plan writes the clause in four items:
    every two of its items of different plans are paired, wherever their plans are; one plan more makes it one."""
    clause = "建立健全困难群众基本生活救助标准动态调整机制"
    for plans in (8, 9):
        items = [textreuse.Item(f"item{n:02}", f"plan{n // 4}", "measure", clause, "source", 0) for n in range(plans * 4)]
        places = textreuse.Places([2] * len(items), [(f"county{n // 4}", "A", "N") for n in range(len(items))])
        pairs = textreuse.lsh_pairs(items, places=places)
        if plans == 8:
            assert pairs == {(a, b) for a in range(32) for b in range(a + 1, 32) if a // 4 != b // 4}
            assert len(pairs) == 32 * 31 // 2 - 8 * 6
        else:  # the four first items (all of plan0) with every other plan's: no county on another's chain
            assert pairs == {(a, b) for a in range(4) for b in range(4, 36)}


def test_a_clause_of_unrelated_plans_pairs_them_only_when_a_plan_above_both_writes_it_too() -> None:
    """Three county plans of provinces A, B and C write one clause (a bucket of more than UNRELATED_WRITERS plans).
    When the nation's plan writes it too, each county copied it from up its chain: each is paired with the nation's,
    not with the other counties. When the nation's plan is among the plans but does not write the clause (a county's
    own wording that others took up: policy spreading sideways), the counties' likeness is all that shows it, and
    they are paired. Two counties of one province are siblings: always paired. A clause only two unrelated plans
    write pairs them whatever is above them."""
    clause = "建立健全困难群众基本生活救助标准动态调整机制"
    other = "全面推进殡葬改革，推行节地生态安葬，完善惠民殡葬政策"
    assert textreuse.UNRELATED_WRITERS == 2

    def pairs(chains: list[tuple[str, ...]], texts: list[str]) -> set[tuple[int, int]]:
        items = [textreuse.Item(f"item{n}", f"plan{n}", "measure", t, "source", 0) for n, t in enumerate(texts)]
        return textreuse.lsh_pairs(items, places=textreuse.Places([len(c) - 1 for c in chains], chains))

    counties = [("x", "A", "N"), ("y", "B", "N"), ("z", "C", "N")]
    nation = [("N",)]
    assert pairs(counties + nation, [clause] * 4) == {(0, 3), (1, 3), (2, 3)}
    assert pairs(counties + nation, [clause] * 3 + [other]) == {(0, 1), (0, 2), (1, 2)}
    assert pairs(counties, [clause] * 3) == {(0, 1), (0, 2), (1, 2)}
    assert pairs([("x", "A", "N"), ("w", "A", "N"), ("y", "B", "N")] + nation, [clause] * 4) == {
        (0, 1),
        (0, 3),
        (1, 3),
        (2, 3),
    }
    assert pairs(counties[:2] + nation, [clause] * 2 + [other]) == {(0, 1)}
