"""Stored timings (actbook.claims.measurements) and the {measured-on} role.

A timing claim shows the value ``make remeasure`` stored, so two builds of one commit
show the same number; the machine that measured it is named next to it.
"""

from __future__ import annotations

import datetime
import json
import re

import numpy as np
import pytest

from actbook.claims import REGISTRY, Claim, measurements
from actbook.claims._registry import claim
from actbook.sphinxext import measured

TIMINGS = sorted(claim_id for claim_id, c in REGISTRY.items() if c.volatile)


def test_every_timing_claim_shows_its_stored_value():
    stored = json.loads(measurements.MEASUREMENTS_FILE.read_text(encoding="utf-8"))
    assert sorted(stored["values"]) == TIMINGS
    assert len(TIMINGS) == 31
    for claim_id in TIMINGS:
        c = REGISTRY[claim_id]
        assert c.compute() == stored["values"][claim_id]
        assert c.render() == c.fmt(stored["values"][claim_id])
        assert callable(c.measure)
    # quartiles are ordered, as a measurement's must be
    for claim_id in TIMINGS:
        if claim_id.endswith("_median"):
            stem = claim_id.removesuffix("_median")
            values = [stored["values"][f"{stem}_{s}"] for s in ("q1", "median", "q3")]
            assert 0 < values[0] <= values[1] <= values[2], stem


def test_the_stored_machine_is_described_completely():
    facts = measurements.load()["machine"]
    assert tuple(sorted(facts)) == tuple(sorted(measurements.MACHINE_FIELDS))
    assert all(str(facts[key]).strip() for key in measurements.MACHINE_FIELDS)
    datetime.date.fromisoformat(facts["date"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", facts["python"])
    assert isinstance(facts["cores"], int) and facts["cores"] >= 1


def test_claims_that_are_not_timings_are_computed_and_cannot_be_measured():
    c = REGISTRY["vanishing.sigmoid_bound_3"]
    assert not c.volatile and c.measure is None
    assert c.compute() == 0.25**3


def test_machine_reads_this_machine():
    facts = measurements.machine(datetime.date(2026, 1, 2))
    assert facts["date"] == "2026-01-02"
    assert facts["numpy"] == np.__version__
    assert facts["cores"] >= 1
    assert facts["blas"] != ""


def test_remeasure_stores_the_new_values_with_the_machine(tmp_path, monkeypatch):
    monkeypatch.setitem(REGISTRY, "demo.timed", None)
    del REGISTRY["demo.timed"]
    calls = []

    @claim("demo.timed", fmt=".2f", statement="A timing.", method="Counts.", volatile=True)
    def _timed():
        calls.append(1)
        return 1.5 + len(calls)

    try:
        path = tmp_path / "measurements.json"
        path.write_text(json.dumps({"machine": {}, "values": {"demo.kept": 9.0}}))
        written = measurements.remeasure(["demo.timed"], path=path)
        assert written["values"] == {"demo.kept": 9.0, "demo.timed": 2.5}
        assert json.loads(path.read_text()) == written
        assert written["machine"]["numpy"] == np.__version__
        assert calls == [1]
        # the claim shows the repository's stored value, not a new measurement
        with pytest.raises(KeyError, match="demo.timed.*make remeasure"):
            REGISTRY["demo.timed"].compute()
    finally:
        del REGISTRY["demo.timed"]
        measurements.load.cache_clear()


def test_remeasure_refuses_claims_that_are_not_timings(tmp_path):
    with pytest.raises(ValueError, match=r"claim_ids must name timing claims.*sigmoid_bound_3"):
        measurements.remeasure(["vanishing.sigmoid_bound_3"], path=tmp_path / "m.json")


def test_a_claim_made_directly_keeps_its_compute():
    c = Claim(id="x.y", compute=lambda: 2.0, fmt=str, statement="s", method="m", volatile=True)
    assert c.compute() == 2.0 and c.measure is None


FACTS = {
    "machine": {
        "processor": "AMD EPYC",
        "cores": 2,
        "system": "Linux 6.1",
        "python": "3.11.7",
        "numpy": "2.4.6",
        "blas": "scipy-openblas 0.3.31",
        "date": "2026-11-30",
    }
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "November 30, 2026"),
        ("zh_CN", "2026年11月30日"),
        ("zh_TW", "2026年11月30日"),
        ("it", "30 novembre 2026"),
    ],
)
def test_the_date_is_written_as_each_language_writes_it(language, expected):
    assert measured.measured_on("date", language, FACTS) == expected


def test_unknown_key_or_language_is_refused():
    with pytest.raises(ValueError, match="key must be one of"):
        measured.measured_on("cpu", "en", FACTS)
    with pytest.raises(ValueError, match="language must be one of"):
        measured.measured_on("date", "fr", FACTS)


def test_pages_name_the_machine_in_their_language(tmp_path, build_book, no_claims):
    conf = "extensions = ['myst_parser', 'actbook.sphinxext']\n"
    page = "# T\n\nMeasured on {measured-on}`machine`, {measured-on}`date`.\n"
    facts = measurements.load()["machine"]
    out = build_book(tmp_path, {"index.md": page}, conf=conf, language="it")
    html = (out / "index.html").read_text(encoding="utf-8")
    day = datetime.date.fromisoformat(facts["date"])
    assert (
        f'<span class="actbook-measured-on actbook-measured-on-machine">{facts["processor"]}'
        in html
    )
    assert '<span class="actbook-measured-on actbook-measured-on-date">' in html
    assert f"NumPy {facts['numpy']}" in html
    italian_months = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                      "agosto", "settembre", "ottobre", "novembre", "dicembre"]  # fmt: skip
    assert f"{day.day} {italian_months[day.month - 1]} {day.year}" in html
