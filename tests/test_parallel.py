"""The per-year work shared over processes gives exactly what one process gives."""
from __future__ import annotations

import datetime
import gc
import os
import shutil
from pathlib import Path

import pytest

from generator.build import Checks, check_all
from generator.dataset import load_dataset
from generator.errors import Problem, UserError
from generator.parallel import Background, can_fork, fork_map, paused_gc, shares
from generator.render import drawn, make_environment, render_site

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
BUILD_DATE = datetime.date(2026, 11, 23)
needs_fork = pytest.mark.skipif(not can_fork(), reason="os.fork does not exist on this system")


def _pid_and_square(numbers: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), [n * n for n in numbers]


@needs_fork
def test_fork_map_gives_the_results_in_chunk_order_each_from_its_own_process() -> None:
    results = fork_map(_pid_and_square, [[1, 2], [3], [4, 5, 6]])
    assert [squares for _, squares in results] == [[1, 4], [9], [16, 25, 36]]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 3


def _fail_in_child(chunk: list[int]) -> list[int]:
    if chunk == [2]:
        raise UserError([Problem("data/2570/01-budget-plan.yml", 7, "total", "not a number",
                                 "a number such as 45.50")], "1 problem(s) in the data files:")
    return chunk


@needs_fork
def test_a_user_error_in_a_child_arrives_whole() -> None:
    with pytest.raises(UserError) as caught:
        fork_map(_fail_in_child, [[1], [2]])
    assert str(caught.value) == ("1 problem(s) in the data files:\n"
                                 "data/2570/01-budget-plan.yml:7: total: not a number "
                                 "(expected a number such as 45.50)")


class _Unpicklable(Exception):
    def __reduce__(self) -> None:  # type: ignore[override]
        raise TypeError("cannot pickle this")


def _fail_unpicklably(chunk: list[int]) -> list[int]:
    if chunk == [2]:
        raise _Unpicklable("the reason")
    return chunk


@needs_fork
def test_an_exception_that_does_not_pickle_arrives_as_its_traceback() -> None:
    with pytest.raises(RuntimeError, match="_Unpicklable: the reason"):
        fork_map(_fail_unpicklably, [[1], [2]])


def _fail_here(chunk: list[int]) -> list[int]:
    if chunk == [1]:
        raise ValueError("failed in the parent's own chunk")
    return chunk


@needs_fork
def test_a_failure_in_this_process_still_waits_for_the_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    with pytest.raises(ValueError, match="parent's own chunk"):
        fork_map(_fail_here, [[1], [2], [3]])
    assert len(forked) == 2
    for pid in forked:   # every child was waited for: none is left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@needs_fork
def test_background_work_runs_in_its_own_process_and_its_failure_arrives() -> None:
    work = Background(lambda: (os.getpid(), sum(range(10))))
    assert work.pid is not None and work.pid != os.getpid()
    assert work.result() == (work.pid, 45)
    assert work.result() == (work.pid, 45)   # asked again: the same, not waited for twice
    failing = Background(lambda: _fail_in_child([2]))
    with pytest.raises(UserError, match="not a number"):
        failing.result()


def test_background_work_asked_for_here_is_done_at_once() -> None:
    done: list[int] = []
    work = Background(lambda: done.append(os.getpid()) or len(done), here=True)
    assert work.pid is None and done == [os.getpid()]
    assert work.result() == 1
    with pytest.raises(ValueError, match="own chunk"):
        Background(lambda: _fail_here([1]), here=True).result()


@pytest.mark.parametrize("count, jobs", [(0, 2), (1, 2), (2, 2), (10, 2), (85, 2), (85, 3),
                                         (7, 1), (3, 8)])
@pytest.mark.parametrize("lead", [0.0, 0.3])
def test_shares_deal_every_item_once_in_order_and_give_this_process_the_most(
        count: int, jobs: int, lead: float) -> None:
    items = list(range(count))
    piles = shares(items, jobs, lead)
    assert len(piles) == max(1, min(jobs, count))
    assert sorted(i for pile in piles for i in pile) == items
    assert all(pile == sorted(pile) for pile in piles)
    assert all(len(piles[0]) >= len(pile) for pile in piles)
    assert max(map(len, piles)) - min(map(len, piles)) <= max(1, round(0.3 * count / jobs) + 1)
    others = [len(pile) for pile in piles[1:]]
    assert not others or max(others) - min(others) <= 1   # only the first pile leads


def test_the_leading_share_is_larger_by_its_lead_and_still_spread_over_the_years() -> None:
    first, second = shares(list(range(2485, 2570)), 2, lead=0.3)
    assert (len(first), len(second)) == (48, 37)   # 48 / 37 = 1.3
    assert max(b - a for a, b in zip(second, second[1:])) <= 3   # no long run left to one


def test_paused_gc_restores_what_it_found() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_in_two_processes_gives_the_same_dataset() -> None:
    one = load_dataset(REPO / "data", REPO, jobs=1)
    two = load_dataset(REPO / "data", REPO, jobs=2)
    assert list(two.years) == list(one.years) == sorted(one.years)
    assert two == one
    for year in one.years:
        assert two.years[year].sources == one.years[year].sources


def test_problems_found_in_two_processes_are_the_same_as_in_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(data / "2569", data / "2570")
    shutil.copy(FIXTURES / "invalid" / "date_not_real.yml", data / "2569" / "05-opinion-channels.yml")
    shutil.copy(FIXTURES / "invalid" / "duplicate_key.yml", data / "2570" / "05-opinion-channels.yml")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(UserError) as caught:
            load_dataset(data, tmp_path, jobs=jobs)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "data/2569/05-opinion-channels.yml:3: last_updated" in errors[0]
    assert "data/2570/05-opinion-channels.yml:4: responsible" in errors[0]


def test_rendering_in_two_processes_gives_the_same_pages_and_files() -> None:
    dataset = load_dataset(REPO / "data", REPO)
    reports = check_all(dataset, BUILD_DATE)
    env = make_environment(REPO / "site_theme")
    one = render_site(dataset, build_date=BUILD_DATE, intro="", env=env, reports=reports, jobs=1)
    two = render_site(dataset, build_date=BUILD_DATE, intro="", env=env,   # checked by each
                      reports=Checks(dataset, BUILD_DATE), jobs=2)
    assert two.pages == one.pages
    assert sorted((a.path, a.content) for a in two.assets + drawn(two.charts)) == \
        sorted((a.path, a.content) for a in one.assets + drawn(one.charts))
    assert two.open_data == one.open_data
    assert two.asset_paths == one.asset_paths


def test_checks_made_when_first_asked_for_are_check_all_s_reports() -> None:
    dataset = load_dataset(REPO / "data", REPO)
    eager = check_all(dataset, BUILD_DATE)
    lazy = Checks(dataset, BUILD_DATE)
    assert list(lazy) == list(eager) and len(lazy) == len(eager) == 2
    for year in eager:
        assert lazy[year] == eager[year]
        assert lazy[year] is lazy[year]   # made once
    with pytest.raises(KeyError):
        lazy[2400]


ORPHANS = """
import os, subprocess, sys, time
from generator.parallel import Background, child_of_this_process, fork_map

def report(_: object) -> None:
    os.write(1, b"%d\\n" % os.getpid())   # one write: print() may interleave between processes
    time.sleep(60)

program = subprocess.Popen(["sleep", "60"], preexec_fn=child_of_this_process())
os.write(1, b"%d\\n" % program.pid)
Background(lambda: report(None))
fork_map(report, [None, None])   # the first chunk runs here, and sleeps
"""


def _alive(pid: int) -> bool:
    """Running (a zombie that init has not reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_and_programs_die_with_a_build_killed_by_sigkill() -> None:
    import signal
    import subprocess
    import sys
    import time

    parent = subprocess.Popen([sys.executable, "-c", ORPHANS], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    children: list[int] = []
    try:
        printed = [int(parent.stdout.readline()) for _ in range(4)]   # sleep, 1 + 2 workers
        children = [pid for pid in printed if pid != parent.pid]   # fork_map's first is here
        assert len(set(children)) == 3
        assert all(_alive(pid) for pid in children)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, children)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [pid for pid in children if _alive(pid)] == []
    finally:   # a failure must not leave them running either
        for pid in [parent.pid, *children]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait()
