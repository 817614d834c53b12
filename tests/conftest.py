"""Shared test fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _forget_sphinx_registrations():
    """Each in-process Sphinx build registers directives, roles and node classes in
    docutils' global tables; forget them after the test, so the next build starts clean
    (otherwise Sphinx warns "already registered" and warning-free checks fail)."""
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():
        yield
