"""`python -m calc NAME key=value ...`, run as a real subprocess from the repository root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from calc import CALCULATORS, fields

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m calc ARGS`, in an environment that names no language unless `env` does."""
    quiet = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "calc", *args],
        cwd=ROOT,
        env={**quiet, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def test_exercise3_from_the_command_line():
    # Exercise 3: 100K calls a year → ROI ≈ 0.37 → don't ship
    done = cli("roi", "calls_per_year=100000")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["ok"] is True
    assert answer["result"]["roi"] == pytest.approx(2900 / 7900)
    assert answer["display"]["roi"] == "0.37"
    assert answer["result"]["verdict"] == "dont"
    assert done.stderr == ""


def test_defaults_from_the_command_line():
    done = cli("roi")
    assert done.returncode == 0
    answer = json.loads(done.stdout)
    assert answer["display"]["roi"] == "3.7"
    assert answer["result"]["verdict"] == "go"


def test_output_is_the_same_json_as_run():
    from calc import run

    done = cli("gates", "prompt_rag=fails-on-eval", "eval_pairs=1,000", "owner=no")
    assert done.returncode == 0
    assert json.loads(done.stdout) == run(
        "gates", {"prompt_rag": "fails-on-eval", "eval_pairs": "1,000", "owner": "no"}
    )


def test_values_may_contain_equals_signs_and_unicode():
    done = cli("record", "title=ROI=3.7 — ship it", "date=2026-11-25")
    assert done.returncode == 0, done.stdout
    answer = json.loads(done.stdout)
    assert answer["inputs"]["title"] == "ROI=3.7 — ship it"
    assert answer["display"]["record"].startswith("# ROI=3.7 — ship it\n")
    assert "— ship it" in done.stdout  # ensure_ascii=False: readable in a terminal


def test_invalid_input_exits_2_with_problems():
    done = cli("roi", "calls_per_year=lots", "pairs=-1")
    assert done.returncode == 2
    answer = json.loads(done.stdout)
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["pairs", "calls_per_year"]


def test_unknown_calculator_exits_2():
    done = cli("nope")
    assert done.returncode == 2
    answer = json.loads(done.stdout)
    assert answer["ok"] is False
    assert answer["problems"][0]["field"] is None


def test_argument_without_equals_exits_2():
    done = cli("roi", "calls_per_year")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "expected key=value, got: calls_per_year" in done.stderr
    assert "usage: python -m calc" in done.stderr


def test_no_arguments_prints_usage_and_exits_2():
    done = cli()
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: python -m calc [--lang LANG] NAME")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_calculator_and_field_with_defaults(flag):
    done = cli(flag)
    assert done.returncode == 0
    assert done.stderr == ""
    out = done.stdout
    assert out.startswith("usage: python -m calc")
    for name in CALCULATORS:
        assert f"\n{name}: " in out
        for field in fields(name):
            assert f"  {field.name}=…  {field.spec.label} [" in out, (name, field.name)
    # The chapter's defaults, and unanswered questions
    assert "  pairs=…  Labeled pairs [5000]" in out
    assert "  calls_per_year=…  Calls per year [1000000]" in out
    assert (
        "  large_cost_per_call=…  Large model cost per call [0.03] (when price_basis=call)" in out
    )
    assert "  price_basis=…  Prices are quoted [call] one of: call, tokens\n" in out
    assert "  tokens_in=…  Input tokens per call [1000] (when price_basis=tokens)" in out
    assert (
        "  eval_set=…  Do you have 1,000 or more eval examples? [unanswered] one of: yes, no" in out
    )
    assert "[tone_style] one of: classification, tone_style, domain_chat" in out


def test_gates_without_money_do_not_go_to_a_poc():
    # Issue 8: everything answered except the money must not give the go-to-PoC verdict
    done = cli(
        "gates",
        "prompt_rag=fails-on-eval",
        "eval_pairs=1000",
        "pipeline=yes",
        "gpu_budget=yes",
        "owner=yes",
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["result"]["verdict"] == "hold"
    assert answer["result"]["gates"][2]["status"] == "unanswered"
    assert answer["display"]["next_step"] == "Answer gate 3: Is labeling cost below the savings?"


def test_exercise3_in_korean_has_the_same_numbers():
    done = cli("--lang", "ko", "roi", "calls_per_year=100000")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)["display"]
    assert (shown["roi"], shown["cost"], shown["savings"]) == ("0.37", "$7,900", "$2,900")
    assert shown["verdict_short"] == "중단"
    assert shown["verdict"].startswith("중단: ROI가 1.0 미만")


@pytest.mark.parametrize(
    "env",
    [{"LANG": "ko_KR.UTF-8"}, {"LANGUAGE": "ko:en"}, {"LC_ALL": "ko_KR", "LANG": "en_US.UTF-8"}],
)
def test_the_environment_chooses_korean_as_gettext_reads_it(env):
    done = cli("labeling", "pairs=", **env)
    assert done.returncode == 2
    assert json.loads(done.stdout)["problems"][0]["message"] == "라벨링할 쌍 수를 입력하세요."


def test_lang_on_the_command_line_wins_over_the_environment():
    done = cli("--lang=en", "roi", LANG="ko_KR.UTF-8")
    assert json.loads(done.stdout)["display"]["verdict_short"] == "Go"


def test_an_unknown_language_is_refused():
    done = cli("--lang", "xx", "roi")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--lang: one of en, ko, not 'xx'" in done.stderr


def test_help_in_korean_lists_the_same_fields():
    done = cli("--lang", "ko", "--help")
    assert done.returncode == 0
    assert "계산기와 입력값 (대괄호 안은 기본값):" in done.stdout
    assert "  pairs=…  라벨링할 쌍 수 [5000]" in done.stdout
    for name in CALCULATORS:
        assert f"\n{name}: " in done.stdout
