"""The load test, tiny (2 users, 3 s) against gunicorn on the test's database, so it does not
rot; the real run is `make bench LOAD=1`."""

import dataclasses
import functools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from demo import loadtest


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--load-database=postgres://postgres@127.0.0.1:5432/smartkreis"], "'loadtest' im Namen"),
        (["--load-database=sqlite:////tmp/nicht-erlaubt.sqlite3"], "'loadtest' im Namen"),
        (["--users=0"], "mindestens 1"),
        (["--seconds=0"], "mindestens 1"),
        (["--think=-1"], "nicht negativ"),
    ],
)
def test_the_load_test_refuses_other_databases_and_empty_runs(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("run_bench", "--load", *arguments)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_tiny_run_against_gunicorn_reports_percentiles_and_catches_errors(worker_database):
    plan = loadtest.plan_for(loadtest.prepare_data(initiatives=20, seed=2021))
    wrong_password = dataclasses.replace(
        plan, logins=[(username, "falsch") for username, _ in plan.logins]
    )

    with loadtest.gunicorn(database_url=worker_database, workers=1, threads=4) as base_url:
        run = functools.partial(
            loadtest.drive, base_url=base_url, login_path=reverse("login"), think=0.1
        )
        results, elapsed = run(plan=plan, users=2, seconds=3)
        refused, _ = run(plan=wrong_password, users=1, seconds=1)

    report = loadtest.format_report(results, elapsed=elapsed)
    print(report)
    assert results.error_count == 0, report
    assert len(results.durations[loadtest.LOGIN]) == 2  # the form and the post
    assert {"Übersicht", "Portal: Startseite"} <= results.durations.keys()
    assert "p95 ms" in report
    assert "Seiten zusammen" in report
    # A refused login and the overview page then redirecting to the login are errors.
    assert refused.errors[loadtest.LOGIN] == ["login of bench-stabsstelle: HTTP 200"]
    assert refused.errors["Übersicht"][0].startswith("HTTP 302")
    assert "Fehler bei Übersicht" in loadtest.format_report(refused, elapsed=1)
