"""`pip install .` from a clean clone into a fresh venv: only `calc`, and its CLI works anywhere.

Offline and quick: the wheel is built by calling setuptools' build backend, as pip does, with the
project venv's setuptools (pinned in requirements.txt) instead of an isolated build that would
download one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DIST = "when_to_finetune_calc"


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the fresh venv it was installed into)."""
    tmp = tmp_path_factory.mktemp("packaging")
    clone = tmp / "clone"  # what a clean clone holds: tracked files, plus new ones not ignored
    listed = _run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], ROOT)
    for name in listed.stdout.splitlines():
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    backend = "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])"
    _run([sys.executable, "-c", backend, tmp / "dist"], clone)
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp)
    pip = [sys.executable, "-m", "pip", "--isolated", "-q", "--python", venv / "bin" / "python"]
    _run([*pip, "install", "--no-index", wheel], tmp)  # a runtime dependency would fail here
    return wheel, venv


def test_the_wheel_holds_only_calc(built: tuple[Path, Path]) -> None:
    wheel, _ = built
    with zipfile.ZipFile(wheel) as zf:
        tops = {name.split("/")[0] for name in zf.namelist()}
        (info,) = (t for t in tops if t.endswith(".dist-info"))
        metadata = Parser().parsestr(zf.read(f"{info}/METADATA").decode())
        licenses = [n for n in zf.namelist() if n.startswith(f"{info}/licenses/")]
    assert tops == {"calc", info}
    assert info.startswith(f"{DIST}-")
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("Requires-Dist") is None  # stdlib only, as in the browser
    assert licenses == [f"{info}/licenses/LICENSE"]


@pytest.mark.parametrize("command", [["python", "-m", "calc"], ["finetune-calc"]])
def test_the_installed_cli_answers_from_another_folder(
    built: tuple[Path, Path], tmp_path: Path, command: list[str]
) -> None:
    _, venv = built
    done = _run([venv / "bin" / command[0], *command[1:], "roi", "calls_per_year=100000"], tmp_path)
    answer = json.loads(done.stdout)
    # Exercise 3: 100,000 calls a year → ROI ≈ 0.37 → don't ship.
    assert (answer["ok"], answer["display"]["roi"], answer["result"]["verdict"]) == (
        True,
        "0.37",
        "dont",
    )


def test_the_installed_cli_answers_in_korean_with_the_same_numbers(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, venv = built
    done = _run(
        [venv / "bin" / "finetune-calc", "--lang", "ko", "roi", "calls_per_year=100000"], tmp_path
    )
    shown = json.loads(done.stdout)["display"]
    # The catalogue ships in the wheel: the words are Korean, the numbers the same.
    assert (shown["roi"], shown["verdict_short"], shown["cost"]) == ("0.37", "중단", "$7,900")


def test_calc_is_imported_from_the_venv_not_the_repository(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, venv = built
    python = venv / "bin" / "python"
    done = _run([python, "-c", "import calc; print(calc.__file__)"], tmp_path)
    assert Path(done.stdout.strip()).is_relative_to(venv)
