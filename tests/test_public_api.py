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


# --- the curated API -------------------------------------------------------------------------


def _type_checking_names(module_file: str) -> dict[str, str]:
    """Name → module of the imports under ``if TYPE_CHECKING:`` in a package's ``__init__``."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(module_file).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    for alias in statement.names:
                        found[alias.name] = statement.module
    return found


@pytest.mark.parametrize("package", ["otsmaterials", "otsmaterials.translate"])
def test_all_is_made_from_the_one_table(package):
    import importlib

    module = importlib.import_module(package)
    table = module._API
    extra = ["__version__"] if package == "otsmaterials" else []
    assert module.__all__ == sorted([*table, *extra])
    # What type checkers see is the same table: same names, same modules.
    assert _type_checking_names(module.__file__) == table


def _classes_reachable(roots):
    """Every otsmaterials model or dataclass reachable from the given classes' fields."""
    import dataclasses
    import typing

    from pydantic import BaseModel

    def inner(annotation):
        yield annotation
        for argument in typing.get_args(annotation):
            yield from inner(argument)

    seen, todo = set(), list(roots)
    while todo:
        cls = todo.pop()
        if (
            not isinstance(cls, type)
            or cls in seen
            or not cls.__module__.startswith("otsmaterials")
        ):
            continue
        seen.add(cls)
        if issubclass(cls, BaseModel):
            annotations = [field.annotation for field in cls.model_fields.values()]
        elif dataclasses.is_dataclass(cls):
            import sys

            module = sys.modules[_defining_module(cls)]
            hints = typing.get_type_hints(cls, vars(module))
            annotations = list(hints.values())
        else:
            continue
        for annotation in annotations:
            todo.extend(a for a in inner(annotation) if isinstance(a, type))
    return seen


def _defining_module(cls) -> str:
    import otsmaterials.translate as tr

    for table in (om._API, tr._API):
        if (
            table.get(cls.__name__)
            and getattr(
                __import__(table[cls.__name__], fromlist=[cls.__name__]), cls.__name__, None
            )
            is cls
        ):
            return table[cls.__name__]
    return cls.__module__


def test_every_model_reachable_from_the_api_is_exported():
    import dataclasses

    from pydantic import BaseModel

    import otsmaterials.translate as tr

    exported = {getattr(om, name) for name in om.__all__} | {getattr(tr, n) for n in tr.__all__}
    reachable = _classes_reachable([value for value in exported if isinstance(value, type)])
    models = {
        cls
        for cls in reachable
        if (issubclass(cls, BaseModel) or dataclasses.is_dataclass(cls))
        and not cls.__name__.startswith("_")
    }
    missing = sorted(cls.__qualname__ for cls in models - exported)
    # GitRunner is the hardened git runner a Mirror holds: a service, not a record.
    assert missing == ["GitRunner"]


def test_public_names_belong_to_the_public_module():
    import otsmaterials.translate as tr

    for name in om.__all__:
        value = getattr(om, name)
        if isinstance(value, type) or callable(value):
            assert value.__module__ == "otsmaterials", name
    for name in tr.__all__:
        value = getattr(tr, name)
        if isinstance(value, type) or callable(value):
            assert value.__module__ in {"otsmaterials.translate", "otsmaterials"}, name
