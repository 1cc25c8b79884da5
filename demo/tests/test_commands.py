import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo.datafiles import demo_data
from demo.loading import load_demo
from portfolio.models import Initiative

# These tests start from an empty database (test_load_demo shares one loaded demo per module).


def test_commands_print_in_german(db, client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo-Daten geladen" in out.getvalue()
    assert "Vorhaben: 28" in out.getvalue()
    assert "Sitzungen: 23" in out.getvalue()  # 21 of the steering group, 2 for the papers
    assert "Vorlagen: 2" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "nichts geändert" in out.getvalue()
    out = StringIO()
    call_command("print_demo_logins", stdout=out)
    text = out.getvalue()
    assert "Benutzername" in text
    assert "http://127.0.0.1:8000/" in text
    for username in ("admin", "stabsstelle", "amt12", "siegburg", "lenkungsgruppe"):
        assert f"{username} " in text
    assert text.count(demo_data().demo_password) == 5
    # Each login's role as the page header shows it once logged in.
    for user in User.objects.filter(username__in=demo_data().demo_users):
        client.force_login(user)
        header = client.get(reverse("dashboard")).content.decode()
        role = f"({user.get_role_display()})"
        assert role in header
        line = next(line for line in text.splitlines() if line.startswith(f"{user.username} "))
        assert f" {role[1:-1]} " in f"{line} "


@pytest.mark.parametrize("relative_days", [-400, 400])
def test_loads_on_another_day(db, relative_days):
    today = timezone.localdate() + datetime.timedelta(days=relative_days)
    result = load_demo(today=today)
    assert result.created["Vorhaben"] == len(Initiative.objects.all())
