"""Timings the book quotes: measured on demand, stored with the machine they ran on.

A timing differs between runs and machines, so a book that measured its timings at
every build would show different numbers at every build of one commit, and a teacher
who cites a page could not find the number again. The timing claims (``volatile``)
therefore show the values stored in ``measurements.json`` beside this module, written
by ``make remeasure`` (:func:`remeasure`), together with the machine that measured them
(:func:`machine`): its processor, NumPy and BLAS, Python and the date.

Examples
--------
Every timing claim has a stored value, and the machine is named:

>>> from actbook.claims import REGISTRY
>>> stored = load()
>>> sorted(stored["values"]) == sorted(i for i, c in REGISTRY.items() if c.volatile)
True
>>> sorted(stored["machine"])
['blas', 'cores', 'date', 'numpy', 'processor', 'python', 'system']
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import platform
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

#: The stored measurements: ``{"machine": {...}, "values": {claim id: value}}``.
MEASUREMENTS_FILE = Path(__file__).with_name("measurements.json")
MACHINE_FIELDS = ("processor", "cores", "system", "python", "numpy", "blas", "date")


def processor_name() -> str:
    """The processor's model name (``/proc/cpuinfo`` on Linux), or what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:  # not Linux
        pass
    return platform.processor() or platform.machine() or "unknown processor"


def blas_name() -> str:
    """The BLAS library NumPy was built with, and its version (``"scipy-openblas 0.3.30"``)."""
    config = np.show_config(mode="dicts") or {}
    blas = config.get("Build Dependencies", {}).get("blas", {})
    return " ".join(str(blas[key]) for key in ("name", "version") if blas.get(key)) or "unknown"


def machine(today: datetime.date | None = None) -> dict[str, Any]:
    """Describe this machine as the measurements record it.

    >>> facts = machine(datetime.date(2026, 11, 30))
    >>> facts["date"], facts["numpy"] == np.__version__, facts["cores"] >= 1
    ('2026-11-30', True, True)
    """
    today = today or datetime.datetime.now(datetime.UTC).date()
    return {
        "processor": processor_name(),
        "cores": os.cpu_count() or 1,
        "system": f"{platform.system()} {platform.release()}".strip(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_name(),
        "date": today.isoformat(),
    }


@functools.cache
def load(path: Path = MEASUREMENTS_FILE) -> dict[str, Any]:
    """Return the stored measurements of ``path`` (read once per process)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def stored_value(claim_id: str) -> float:
    """Return the stored value of the timing claim ``claim_id``.

    >>> stored_value("no.such")
    Traceback (most recent call last):
    ...
    KeyError: "claim_id 'no.such' has no stored measurement: run make remeasure"
    """
    values = load()["values"]
    if claim_id not in values:
        raise KeyError(f"claim_id {claim_id!r} has no stored measurement: run make remeasure")
    return float(values[claim_id])


def remeasure(
    claim_ids: Iterable[str] | None = None, path: Path = MEASUREMENTS_FILE
) -> dict[str, Any]:
    """Measure timing claims afresh and store them, with this machine, in ``path``.

    ``claim_ids`` defaults to every timing claim; the values of claims not measured
    again are kept (with the machine of the new measurement, so measure all of them
    together unless you are testing). Returns what was written.
    """
    from actbook.claims import REGISTRY

    timed = sorted(claim_id for claim_id, claim in REGISTRY.items() if claim.volatile)
    wanted = timed if claim_ids is None else sorted(set(claim_ids))
    unknown = [claim_id for claim_id in wanted if claim_id not in timed]
    if unknown:
        raise ValueError(f"claim_ids must name timing claims (volatile), got {unknown}")
    path = Path(path)
    values = json.loads(path.read_text(encoding="utf-8"))["values"] if path.is_file() else {}
    for claim_id in wanted:
        values[claim_id] = float(REGISTRY[claim_id].measure())
    stored = {"machine": machine(), "values": dict(sorted(values.items()))}
    text = json.dumps(stored, indent=1, ensure_ascii=False) + "\n"
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    os.replace(tmp.name, path)
    load.cache_clear()
    return stored


def main(argv: list[str] | None = None) -> int:
    """Measure the timing claims ``argv`` (all when empty) and store them: ``make remeasure``."""
    stored = remeasure(argv or None)
    facts = stored["machine"]
    print(f"{len(stored['values'])} timings stored in {MEASUREMENTS_FILE}")
    print(", ".join(str(facts[key]) for key in MACHINE_FIELDS))
    return 0
