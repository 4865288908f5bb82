"""The public namespace: curated, sorted, complete, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import otsmaterials as om


def test_all_is_sorted_and_every_name_resolves():
    assert om.__all__ == sorted(om.__all__)
    for name in om.__all__:
        assert getattr(om, name) is not None, name


def test_nothing_public_is_unlisted():
    public = {name for name in dir(om) if not name.startswith("_")}
    assert public <= set(om.__all__), public - set(om.__all__)


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="does_not_exist"):
        om.does_not_exist  # noqa: B018


def test_import_is_cheap():
    code = (
        "import sys, otsmaterials\n"
        "heavy = {'git', 'click', 'markdown_it', 'babel', 'yaml', 'pydantic'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_using_the_catalogue_api_does_not_load_gitpython_or_click():
    code = (
        "import sys, otsmaterials as om\n"
        "om.parse_catalogue('name = \"x\"')\n"
        "print(sorted({'git', 'click'} & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_errors_form_one_tree_with_builtin_bases():
    assert issubclass(om.CatalogueError, om.InputError)
    assert issubclass(om.InputError, ValueError)
    assert issubclass(om.GitError, OSError)
    assert issubclass(om.LockedError, OSError)
    for name in om.__all__:
        value = getattr(om, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, om.OtsMaterialsError), name


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "otsmaterials", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert om.__version__ in out.stdout


def test_importing_every_submodule_shadows_no_public_name():
    import importlib
    import pkgutil
    import types

    for module in pkgutil.walk_packages(om.__path__, "otsmaterials."):
        if ".integrations." not in module.name:
            importlib.import_module(module.name)
    for name in om.__all__:
        assert not isinstance(getattr(om, name), types.ModuleType), name
