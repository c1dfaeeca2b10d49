"""The wheel holds the `extractor` package alone, with its rule files and schemas inside it
(`extractor._models`, `extractor._schemas`), and pyproject's explicit package list leaves no
package folder of the tree out."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAPPED = {"models": "extractor._models", "schemas": "extractor._schemas"}


def _tree_packages() -> set[str]:
    found = set()
    for init in REPO.glob("extractor/**/__init__.py"):
        found.add(".".join(init.parent.relative_to(REPO).parts))
    for folder, name in MAPPED.items():
        for init in (REPO / folder).glob("**/__init__.py"):
            rel = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((name, *rel)))
    return found


def _config() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_the_package_list_names_every_package_of_the_tree():
    assert set(_config()["packages"]) == _tree_packages()


def test_rule_folders_are_mapped_under_the_package():
    assert _config()["package-dir"] == {name: folder for folder, name in MAPPED.items()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # As `pip install .` builds it: in an isolated build environment with the build-system
    # requirements of pyproject.toml.
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(REPO)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return next(out.glob("extractor-*.whl"))


def test_the_wheel_holds_only_the_extractor_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"extractor"}
    for data in ("extractor/_models/units.json", "extractor/_models/sections.json",
                 "extractor/_schemas/record.schema.json", "extractor/_schemas/rules/units.schema.json",
                 "extractor/review/review.html", "extractor/review/review.js", "extractor/review/review.css",
                 # the entity model: a spaCy pipeline folder (config, component, vocabulary, vectors)
                 "extractor/_models/entities/config.cfg", "extractor/_models/entities/meta.json",
                 "extractor/_models/entities/ner/model", "extractor/_models/entities/ner/moves",
                 "extractor/_models/entities/vocab/strings.json", "extractor/_models/entities/vocab/vectors"):
        assert data in names


def test_installed_wheel_has_no_top_level_models_and_loads_its_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
                    str(target), str(wheel)], check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}
    here = tmp_path / "elsewhere"
    here.mkdir()

    def run(code: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code], cwd=here, env=env, capture_output=True,
                              text=True, timeout=120)

    for name in ("models", "schemas"):
        got = run(f"import {name}")
        assert got.returncode != 0 and "ModuleNotFoundError" in got.stderr
    got = run("from extractor.nlp.entities import model_path\n"
              "print(model_path(), (model_path() / 'ner' / 'model').is_file())")
    assert got.returncode == 0 and got.stdout.split() == [str(target / "extractor" / "_models" / "entities"), "True"], got
    got = run("import extractor, extractor.resources as r\n"
              "print(extractor.__file__)\n"
              "print(len(r.load_rules('units.json', 'rules/units.schema.json')['units']))\n"
              "print(r.load_schema('record.schema.json')['$schema'])")
    assert got.returncode == 0, got.stderr
    where, units, schema = got.stdout.split()
    assert where.startswith(str(target)) and int(units) > 10 and "2020-12" in schema


def test_a_checkout_imported_in_place_reads_its_own_rule_folders(tmp_path):
    # A second checkout run with PYTHONPATH while another one is installed editable: its code
    # must read its own models/ and schemas/, not the installed checkout's (the editable
    # install maps `extractor._models` to the other tree).
    import shutil

    tree = tmp_path / "checkout"
    shutil.copytree(REPO / "extractor", tree / "extractor",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("models", "schemas"):
        (tree / name).mkdir()
    (tree / "pyproject.toml").write_text("", encoding="utf-8")
    (tree / "models" / "probe.json").write_text('{"from": "the copy"}', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = ("from extractor.resources import data_folder; from extractor.nlp.entities import model_path; "
            "print(data_folder('extractor._models', 'models').joinpath('probe.json').read_text()); "
            "print(model_path())")
    got = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=120)
    assert got.returncode == 0, got.stderr[-2000:]
    assert got.stdout.splitlines() == ['{"from": "the copy"}', str(tree / "models" / "entities")]
