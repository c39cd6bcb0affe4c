from __future__ import annotations

import pytest

from plancockpit.evaluate import Obs, TargetSpec, assess, roll_up, roll_up_by

SPEC = TargetSpec(value=200, deadline_year=2025, baseline_value=100, baseline_year=2020)


def test_distribution_score_and_achieved_parent() -> None:
    done = assess(SPEC, [Obs(2022, 210)], 2023.0)
    late = assess(SPEC, [Obs(2022, 105)], 2023.0)
    empty = assess(SPEC, [], 2023.0)
    r = roll_up("经济质效", [done, late, empty])
    assert r.counts["achieved"] == 1 and r.counts["off_track"] == 1 and r.counts["no_data"] == 1
    assert r.scored == 2 and r.score == pytest.approx((5 + -3) / 2)
    assert not r.achieved and r.share_green == pytest.approx(0.5)
    assert roll_up("x", [done, done]).achieved
    weighted = roll_up("w", [(done, 3.0), (late, 1.0)])
    assert weighted.score == pytest.approx((15 - 3) / 4)
    groups = roll_up_by([("a", done), ("b", late), ("a", late)])
    assert [g.group for g in groups] == ["a", "b"] and groups[0].total == 2
