"""The inputs that make Sphinx write every page again (actbook.sphinxext.page_inputs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actbook.sphinxext import page_inputs
from actbook.sphinxext.page_inputs import PAGE_INPUTS, extension_hash, interface_catalog_hash


def test_the_extension_hash_follows_every_file_but_compiled_python(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "role.py").write_text("x = 1\n")
    (tmp_path / "static" / "a.css").write_text("p { color: red; }\n")
    first = extension_hash(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "role.cpython-311.pyc").write_bytes(b"\0")
    assert extension_hash(tmp_path) == first
    (tmp_path / "static" / "a.css").write_text("p { color: blue; }\n")
    assert extension_hash(tmp_path) != first
    (tmp_path / "static" / "a.css").write_text("p { color: red; }\n")
    assert extension_hash(tmp_path) == first
    # A renamed file is a change too, though the bytes are the same.
    (tmp_path / "static" / "a.css").rename(tmp_path / "static" / "b.css")
    assert extension_hash(tmp_path) != first


def test_the_catalog_hash_reads_every_locale_folder_of_the_language(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder / "it" / "LC_MESSAGES").mkdir(parents=True)
    first = tmp_path / "one" / "it" / "LC_MESSAGES" / "sphinx.po"
    second = tmp_path / "two" / "it" / "LC_MESSAGES" / "sphinx.po"
    first.write_text('msgid "a"\nmsgstr "b"\n')
    alone = interface_catalog_hash(tmp_path, ["one", "two"], "it")
    assert len(alone) == 16
    assert interface_catalog_hash(tmp_path, ["one", "two"], "zh_CN") == ""
    second.write_text('msgid "c"\nmsgstr "d"\n')
    assert interface_catalog_hash(tmp_path, ["one", "two"], "it") != alone


def config_hash(out: Path) -> str:
    """The hash of the html settings that Sphinx stored with a build (``.buildinfo``)."""
    return re.search(r"^config: (\w+)$", (out / ".buildinfo").read_text(), re.M)[1]


@pytest.mark.usefixtures("no_claims")
def test_an_edited_extension_changes_the_settings_hash_of_the_build(
    tmp_path: Path, build_book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx writes every page again when the stored hash of the html settings changes."""
    files = {"index.md": "# Index\n"}
    conf = "extensions = ['myst_parser', 'actbook.sphinxext']\n"
    first = config_hash(build_book(tmp_path, files, conf=conf))
    assert config_hash(build_book(tmp_path, files, conf=conf)) == first
    monkeypatch.setattr(page_inputs, "extension_hash", lambda: "0123456789abcdef")
    assert config_hash(build_book(tmp_path, files, conf=conf)) != first


def test_each_input_is_an_html_setting() -> None:
    class Recorder:
        def __init__(self) -> None:
            self.values: dict[str, str] = {}

        def add_config_value(self, name, default, rebuild, types=()) -> None:
            self.values[name] = rebuild

        def connect(self, *args, **kwargs) -> None:
            pass

    recorder = Recorder()
    page_inputs.setup_page_inputs(recorder)
    assert recorder.values == dict.fromkeys(PAGE_INPUTS, "html")
