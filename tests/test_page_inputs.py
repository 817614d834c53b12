"""The inputs that make Sphinx write every page again (actbook.sphinxext.page_inputs)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

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


def test_each_input_is_an_html_setting_filled_in_at_config_inited(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Index\n")
    (tmp_path / "conf.py").write_text(
        "extensions = ['myst_parser', 'actbook.sphinxext']\nlanguage = 'it'\n"
        "locale_dirs = ['locales']\n"
    )
    (tmp_path / "locales" / "it" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locales" / "it" / "LC_MESSAGES" / "sphinx.po").write_text('msgid ""\nmsgstr ""\n')
    app = Sphinx(tmp_path, tmp_path, tmp_path / "out", tmp_path / "doctrees", "html", status=None)
    for name in PAGE_INPUTS:
        assert app.config.values[name].rebuild == "html", name
    assert app.config.actbook_extension_hash == extension_hash()
    assert app.config.actbook_interface_catalog == interface_catalog_hash(
        tmp_path, ["locales"], "it"
    )
    assert app.config.actbook_built_from.startswith(page_inputs.actbook.__version__)
