"""The shipped code lists: complete, consistent, and named after their sources."""

from __future__ import annotations

from collections import Counter
from importlib import resources

from duunikulma_tui.domain.languages import language_code, language_name, language_options
from duunikulma_tui.domain.occupations import occupation_name, occupations, search_occupations


def test_occupations_have_the_isco_08_structure():
    counts = Counter(o.level for o in occupations().values())
    # ISCO-08: 10 major, 43 sub-major, 130 minor and 436 unit groups.
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}
    for code, occ in occupations().items():
        assert len(code) == occ.level
        assert occ.name_fi and occ.name_en
        if occ.level > 1:
            assert code[:-1] in occupations(), code


def test_occupation_names_in_both_languages():
    assert "trukinkuljettajat" in occupation_name("8344", "fi")
    assert "lift" in occupation_name("8344", "en").lower()
    assert occupation_name("0110", "en")  # leading zero kept


def test_occupation_search_by_name_and_code():
    assert [o.code for o in search_occupations("8344")] == ["8344"]
    assert "5322" in {o.code for o in search_occupations("kodinhoitaj")}
    assert "8344" in {o.code for o in search_occupations("TRUKIN")}


def test_data_files_name_their_source():
    data = resources.files("duunikulma_tui.domain").joinpath("data")
    for name in ("occupations_2010.csv", "tol2008_sections.csv"):
        header = [ln for ln in data.joinpath(name).read_text("utf-8").splitlines()
                  if ln.startswith("#")]
        text = " ".join(header).lower()
        assert "source" in text or "lähde" in text, name
        assert "tilastokeskus" in text or "statistics finland" in text, name


def test_industry_sections_a_to_u():
    data = resources.files("duunikulma_tui.domain").joinpath("data/tol2008_sections.csv")
    rows = [ln.split(",")[0] for ln in data.read_text("utf-8").splitlines()
            if ln and not ln.startswith("#")][1:]
    assert rows == [chr(c) for c in range(ord("A"), ord("U") + 1)]


def test_languages_from_cldr():
    assert language_name("sv", "fi") == "ruotsi" and language_name("sv", "en") == "Swedish"
    assert language_code("englanti") == "en" and language_code("Somali") == "so"
    assert language_code("klingon") is None
    assert language_options("fi")[0] == ("suomi", "fi")
