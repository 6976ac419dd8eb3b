"""bench/report.py derives its reading from the run: a target is met only when every round met it."""

from bench import report


def cell(*ratios, errors=0):
    rounds = [{"ratio": r} for r in ratios]
    ordered = sorted(ratios)
    return {
        "rounds": rounds,
        "ratio": {"median": ordered[len(ordered) // 2], "min": ordered[0], "max": ordered[-1]},
        "errors": errors,
    }


def test_a_target_is_met_only_when_the_lowest_round_meets_it():
    assert report.verdict({"median": 0.6, "min": 0.55, "max": 0.7}, 0.5) == "met"
    assert report.verdict({"median": 0.4, "min": 0.3, "max": 0.45}, 0.5) == "missed"
    assert report.verdict({"median": 0.52, "min": 0.48, "max": 0.56}, 0.5).startswith("within the spread")


def test_the_reading_follows_the_figures():
    load = {
        "pages": {
            "home": {"signed_in": cell(0.21, 0.23, 0.22, errors=1)},
            "story, 1,000 comments": {
                "anonymous": cell(1.2, 1.4, 1.3),
                "signed_in": cell(0.49, 0.52, 0.55),
                "responder": cell(0.31, 0.33, 0.35),
            },
        }
    }
    text = "\n".join(report.reading(load))
    assert "home, signed-in reader: 22% of the ceiling (21% to 23% over 3 rounds); target 30%: **missed**" in text
    assert "story, 1,000 comments, visitor: 130%" in text and "**met**" in text
    assert "story, 1,000 comments, signed-in reader: 52%" in text and "within the spread" in text
    assert "slowest page against its ceiling is home (22%)" in text
    assert "Errors and non-2xx answers in all runs: 1." in text


def test_the_signed_in_ceiling_is_read_against_the_floor_and_compared_before_and_after():
    def row(*ratios):
        c = cell(*ratios)
        c["rounds"] = [{"ratio": r, "load": 2.0} for r in ratios]
        c["rps"] = c["ceiling_rps"] = {"median": 500.0}
        return {"signed_in": c}

    text = "\n".join(report.reading({"pages": {}, "ceilings": {"signed-in ceiling": row(0.62, 0.65, 0.7)}}))
    assert (
        "signed-in ceiling: 65% of the session-and-member floor (62% to 70% over 3 rounds); target 60%: **met**"
        in text
    )
    runs = {
        "ceilings-before": {"ceilings": {"signed-in ceiling": row(0.4, 0.42, 0.45)}},
        "ceilings-after": {"ceilings": {"signed-in ceiling": row(0.55, 0.6, 0.66)}},
    }
    text = "\n".join(report.before_and_after(runs.get))
    assert "42% before, 60% after; higher after, beyond both spreads (load average 2.0 before, 2.0 after)" in text
    assert "**within the spread (not shown to be met)** after (**missed** before)" in text
