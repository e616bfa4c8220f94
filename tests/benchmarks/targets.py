"""Issue 6's targets, judged on the numbers of the same run: one row per target, measured vs required."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """One target: what was measured, the bound it must stay within, and whether it does."""

    name: str
    measured: float
    bound: float
    shown: str  # how ``measured`` and ``bound`` read in the table, e.g. "0.071 ≤ 0.083"
    met: bool


def at_most(name: str, measured: float, bound: float, digits: int = 3) -> Target:
    """A target met when ``measured ≤ bound``, both shown with ``digits`` decimals."""
    return Target(name, measured, bound, f"{measured:.{digits}f} ≤ {bound:.{digits}f}", measured <= bound)


def judge(numbers: dict[str, Any]) -> list[Target]:
    """Every target of issue 6 that the run measured."""
    ours = numbers["ratios"]["autograd-tiny"]
    longest = numbers["longest"]
    chain = numbers["chain"][longest]
    memory = numbers["memory"]
    freed = memory["tracked_left_after_del"] < 0.01 and memory["cycles_freed_by_gc"] == 0
    return [
        at_most("MLP step: autograd-tiny ÷ micrograd", ours["micrograd"], 1 / 12),
        at_most("MLP step: autograd-tiny ÷ torch 0-d", ours["torch 0-d"], 1 / 8),
        at_most("MLP step: autograd-tiny ÷ float floor", ours["floats"], 12, digits=1),
        Target(
            f"chain of {2 * longest:,} operations at the default recursion limit",
            chain["recursion_limit"],
            1000,
            f"ran at limit {chain['recursion_limit']:,}",
            chain["recursion_limit"] <= 1000,
        ),
        at_most(f"chain N = {longest:,}: forward per node ÷ micrograd", chain["forward"], 1 / 5),
        at_most(f"chain N = {longest:,}: backward per node ÷ micrograd", chain["backward"], 1 / 3),
        at_most("bytes per node", memory["bytes"], 200, digits=0),
        at_most("GC-tracked objects per node", memory["tracked"], 2, digits=2),
        Target(
            "graph freed by reference counting",
            memory["tracked_left_after_del"],
            0,
            f"{memory['tracked_left_after_del']:.2f} objects per node left after `del`, "
            f"{memory['cycles_freed_by_gc']} found by `gc.collect()`",
            freed,
        ),
    ]


def judge_tape(numbers: dict[str, Any]) -> list[Target]:
    """Issues 7's and 18's targets for the tape, where the run measured them."""
    ratios, digits = numbers["ratios"], numbers.get("digits", {})
    targets = []
    if "autograd-tiny tape" in ratios:
        replay = ratios["autograd-tiny tape"]["floats"]
        targets.append(at_most("MLP step: tape replay ÷ float floor (issue 7)", replay, 2, digits=2))
    if "tape" in digits and "graph" in digits:
        targets.append(
            at_most("digits epoch: tape ÷ graph engine (issue 7)", digits["tape"] / digits["graph"], 1 / 5)
        )
    if "autograd-tiny tape" in ratios and "numpy" in ratios["autograd-tiny tape"]:
        replay = ratios["autograd-tiny tape"]["numpy"]
        targets.append(at_most("MLP step: tape replay ÷ numpy floor (issue 18)", replay, 3, digits=2))
    if "tape" in digits and "numpy" in digits:
        targets.append(
            at_most(
                "digits epoch: tape ÷ hand-written numpy (issue 18)", digits["tape"] / digits["numpy"], 3, 2
            )
        )
    if "tape_bytes" in numbers:
        targets.append(
            at_most("tape: bytes per recorded operation (issue 7)", numbers["tape_bytes"], 40, digits=0)
        )
    return targets


def targets_section(numbers: dict[str, Any]) -> list[str]:
    """The targets table in markdown, with how many of them this run met."""
    targets = judge(numbers) + judge_tape(numbers)
    met = sum(target.met for target in targets)
    lines = [
        "### Targets (issues 6, 7 and 18), from the numbers above",
        "",
        "| target | measured vs required | met |",
        "|---|---|:---:|",
    ]
    lines += [f"| {t.name} | {t.shown} | {'yes' if t.met else '**no**'} |" for t in targets]
    lines += ["", f"**{met} of {len(targets)} targets met in this run.**"]
    return lines
