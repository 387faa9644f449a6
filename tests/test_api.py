"""The Python API (issue 17): ``corroborator.Dossier`` and the names ``__all__`` exports.

- every name of ``__all__`` is importable and documented, and the README's Python API
  uses only those;
- the README's Python API code runs as written, on demo reports in a scratch folder;
- ``Dossier`` keeps what the commands keep: inputs.json (with settings given as an object),
  the record's events across an addition, a path that does not exist named, and a
  folder that cannot be written told as a ``WriteError`` with nothing lost.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import corroborator
from corroborator import Dossier, InputError, Settings, WriteError

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
BASE = ("001_port-ansel-courier.txt", "003_tesk-radio.txt")
LATE = "005_kelda-islander.txt"
pytestmark = pytest.mark.issue(17)


def python_api_code() -> str:
    """The code block of the README's "Python API" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, "one Python block in the README's Python API section"
    return str(blocks[0])


# --- the public names -----------------------------------------------------------------


@pytest.mark.parametrize("name", corroborator.__all__)
def test_api_every_exported_name_is_importable_and_documented(name: str) -> None:
    value = getattr(corroborator, name)
    if name == "__version__":
        assert re.fullmatch(r"\d+\.\d+\.\d+", value)
        return
    assert inspect.getdoc(value), f"corroborator.{name} has no docstring"
    if callable(value) and not inspect.isclass(value):  # functions: typed in full
        hints = inspect.get_annotations(value, eval_str=True)
        params = inspect.signature(value).parameters
        assert "return" in hints and set(params) <= set(hints), name


def test_api_all_lists_each_public_name_once_and_nothing_private() -> None:
    names = corroborator.__all__
    assert len(names) == len(set(names))
    assert all(not n.startswith("_") or n == "__version__" for n in names)
    public = {n for n, v in vars(corroborator).items()
              if not n.startswith("_") and not inspect.ismodule(v)}
    # what the package's namespace holds beyond __all__: only the imports of its typing
    assert public - set(names) <= {"annotations", "Callable", "Path", "Sequence"}


def test_api_dossier_methods_are_typed_and_documented() -> None:
    for name in ("build", "add", "export", "watch", "record"):
        method = getattr(Dossier, name)
        assert inspect.getdoc(method), name
        hints = inspect.get_annotations(method, eval_str=True)
        assert set(inspect.signature(method).parameters) - {"self"} <= set(hints), name
        assert "return" in hints, name


def test_api_readme_uses_only_exported_names() -> None:
    tree = ast.parse(python_api_code())
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "corroborator"}
    assert {"Dossier", "build", "Update"} <= used
    assert used <= set(corroborator.__all__), used - set(corroborator.__all__)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert all(isinstance(n, ast.Import) and [a.name for a in n.names] == ["corroborator"]
               for n in imports)  # no `from corroborator.record... import` in the README


# --- the README's code, run --------------------------------------------------------------


def test_api_readme_python_code_runs_as_written(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    for name in BASE:
        shutil.copy(DEMO / name, tmp_path / "reports" / name)
    shutil.copy(DEMO / LATE, tmp_path / "late-edition.txt")
    (tmp_path / "incoming").mkdir()
    shutil.copy(DEMO / "006_harbourline-weekly.txt", tmp_path / "incoming" / "weekly.txt")
    done = subprocess.run([sys.executable, "-c", python_api_code()], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("('late-edition',) {'reports': 3, "), done.stdout
    for name in ("record.sqlite", "dossier.json", "index.html", "inputs.json"):
        assert (tmp_path / "dossier" / name).is_file(), name
    assert {p.name for p in (tmp_path / "full").iterdir()} == {"dossier.json", "index.html"}
    record = Dossier(tmp_path / "dossier").record()  # the watch added the incoming report
    assert {d.id for d in record.documents} == {
        "001_port-ansel-courier", "003_tesk-radio", "late-edition", "weekly"}


# --- Dossier ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A dossier of two demo reports, built through the API, with settings given as an
    object (one report per page: the pages of three are not written)."""
    work = tmp_path_factory.mktemp("api")
    for name in (*BASE, LATE):
        shutil.copy(DEMO / name, work / name)
    here = Path.cwd()
    os.chdir(work)
    seen: list[tuple[int, int]] = []
    try:
        update = Dossier("d").build(list(BASE), settings=Settings(page_max_reports=2),
                                    progress=lambda done, total: seen.append((done, total)))
    finally:
        os.chdir(here)
    assert update.rebuilt and update.pages and update.counts["reports"] == 2
    assert seen == [(1, 2), (2, 2)]  # each report analysed, told as it is done
    yield work


def copy(built: Path, tmp_path: Path) -> Dossier:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return Dossier(tmp_path / "d")


def test_api_dossier_keeps_its_inputs_and_settings_given_as_an_object(built: Path) -> None:
    inputs = json.loads((built / "d" / "inputs.json").read_text())
    assert inputs["paths"] == list(BASE) and inputs["cwd"] == str(built)
    assert inputs["settings"] is None and inputs["settings_values"] == {"page_max_reports": 2}
    assert Dossier(built / "d").inputs().load_settings() == Settings(page_max_reports=2)


def test_api_dossier_add_keeps_the_events_and_the_settings(built: Path, tmp_path: Path) -> None:
    dossier = copy(built, tmp_path)
    before = dossier.record()
    update = dossier.add(tmp_path / LATE)  # one path, given alone
    assert update.counts["reports"] == 3
    record = dossier.record()
    assert {d.id for d in record.documents} == {*(d.id for d in before.documents),
                                                LATE.removesuffix(".txt")}
    kept = {e.id: set(e.documents) for e in before.events}
    for event in record.events:  # the events of the record keep their ids and reports
        if event.id in kept:
            assert kept[event.id] <= set(event.documents)
    # page_max_reports=2, kept from the build: three reports get the page saying how to read
    assert not update.pages and not (dossier.path / "dossier.json").exists()
    assert str(tmp_path / LATE) in json.loads((dossier.path / "inputs.json").read_text())["paths"]


def test_api_dossier_add_names_a_path_that_does_not_exist(built: Path, tmp_path: Path) -> None:
    dossier = copy(built, tmp_path)
    before = (dossier.path / "inputs.json").read_text()
    with pytest.raises(InputError, match=r"missing\.txt: no such file or folder"):
        dossier.add([tmp_path / LATE, tmp_path / "missing.txt"])
    assert (dossier.path / "inputs.json").read_text() == before


def test_api_dossier_export_writes_the_pages_of_any_size(built: Path, tmp_path: Path) -> None:
    written = Dossier(built / "d").export(tmp_path / "full")
    assert written == (tmp_path / "full" / "dossier.json", tmp_path / "full" / "index.html")
    exported = json.loads(written[0].read_text())
    assert {d["id"] for d in exported["documents"]} == {n.removesuffix(".txt") for n in BASE}


def test_api_dossier_of_a_folder_without_one_says_so(tmp_path: Path) -> None:
    with pytest.raises(corroborator.StoreError, match="no readable inputs.json"):
        Dossier(tmp_path).add(DEMO / LATE)
    with pytest.raises(corroborator.StoreError, match="no such record"):
        Dossier(tmp_path).record()


HOLD = r"""
import fcntl, os, sys, time
fd = os.open(os.path.join(sys.argv[1], ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
print("held", flush=True)
time.sleep(30)
"""


def test_api_dossier_takes_the_lock_itself(built: Path, tmp_path: Path) -> None:
    """An addition waits for another writer of the folder, says so, and gives up after its
    timeout with nothing written."""
    dossier = copy(built, tmp_path)
    before = (dossier.path / "inputs.json").read_text()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(dossier.path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "held\n"
        told: list[str] = []
        waiting = Dossier(dossier.path, waiting=told.append, lock_timeout=0.3)
        with pytest.raises(corroborator.StoreError, match="being written by another"):
            waiting.add(tmp_path / LATE)
    finally:
        proc.kill()
        proc.communicate()
    assert told == [(f"waiting for another corroborator command (process {proc.pid}) to "
                     f"finish with {dossier.path.resolve()}")]
    assert (dossier.path / "inputs.json").read_text() == before


# --- a folder that cannot be written (issue 19, 8) ------------------------------------------


def read_only(folder: Path) -> tuple[list[str], list[str]]:
    """The commands that make ``folder`` read-only and writable again, for this user: chmod
    (root ignores it: then the immutable attribute, which root obeys)."""
    if os.geteuid() != 0:
        return ["chmod", "a-w", str(folder)], ["chmod", "u+w", str(folder)]
    return ["chattr", "+i", str(folder)], ["chattr", "-i", str(folder)]


@pytest.mark.issue(19)
def test_api_a_read_only_dossier_raises_a_write_error_and_keeps_the_record(
        built: Path, tmp_path: Path) -> None:
    dossier = copy(built, tmp_path)
    lock, unlock = read_only(dossier.path)
    files = {p.name: p.read_bytes() for p in dossier.path.iterdir()
             if p.is_file() and p.name != ".lock"}  # (the lock names its holder)
    if subprocess.run(lock, capture_output=True, check=False).returncode != 0:
        pytest.skip(f"{lock[0]} cannot make a folder read-only here")
    try:
        for call in (lambda: dossier.add(tmp_path / LATE),
                     lambda: dossier.build(tmp_path / LATE),
                     lambda: dossier.export()):
            with pytest.raises(WriteError) as caught:
                call()
            message = str(caught.value)
            assert message.startswith(f"{dossier.path}: corroborator cannot write")
            assert "may not write there" in message and "run the command again" in message
    finally:
        subprocess.run(unlock, check=True)
    assert {p.name: p.read_bytes() for p in dossier.path.iterdir()
            if p.is_file() and p.name != ".lock"} == files
