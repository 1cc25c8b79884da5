"""Pure rules of the strategy: how far an indicator and a goal have come. No database access."""

from decimal import ROUND_HALF_UP, Decimal


def indicator_progress(*, baseline, target, latest):
    """Percent of the way from baseline to target that `latest` has come, 0 to 100.

    Works for falling targets too (fewer paper forms: baseline 100, target 20). Without a
    measured value the latest known value is the baseline, so the progress is 0. A value beyond
    the target counts as 100, one on the wrong side of the baseline as 0.
    """
    baseline, target = Decimal(baseline), Decimal(target)
    if target == baseline:
        raise ValueError("An indicator's target must differ from its baseline.")
    if latest is None:
        return 0
    share = (Decimal(latest) - baseline) / (target - baseline) * 100
    share = min(max(share, Decimal(0)), Decimal(100))
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def goal_progress(indicator_progresses):
    """The mean progress of a goal's indicators in percent; None for a goal without any."""
    values = list(indicator_progresses)
    if not values:
        return None
    mean = Decimal(sum(values)) / len(values)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected_progress(*, baseline_date, target_date, today):
    """Percent of the time from baseline date to target date that has passed on `today`.

    Compared with `indicator_progress` it tells whether an indicator is on schedule.
    """
    if target_date <= baseline_date:
        raise ValueError("An indicator's target date must be after its baseline date.")
    share = Decimal((today - baseline_date).days) / Decimal((target_date - baseline_date).days)
    share = min(max(share * 100, Decimal(0)), Decimal(100))
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
