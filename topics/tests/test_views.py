"""The pages through the test client: what they show, and how bad input is answered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from topics import actions
from topics.models import PriorityCriterion, Statement, Topic, TopicScore

from .conftest import topics_state
from .factories import StatementFactory, TopicFactory
from .test_permission_matrix import _criteria_data, _score_data

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


# List ---------------------------------------------------------------------------------------


def test_the_list_shows_what_each_user_may_read(client, world):
    county_topic = TopicFactory(title="Zentrale E-Rechnung", submitted_by=world.users["reader"])
    client.force_login(world.users["municipality_editor_other"])
    response = client.get(reverse("topics:topic_list"))
    assert "Digitale Gewerbeanmeldung" not in _text(response)
    assert "Zentrale E-Rechnung" not in _text(response)
    assert "0 Themen gefunden" in _text(response)

    client.force_login(world.users["municipality_editor_own"])
    response = client.get(reverse("topics:topic_list"))
    assert "Digitale Gewerbeanmeldung" in _text(response)
    assert county_topic.title not in _text(response)

    client.force_login(world.users["officer"])  # asked for a statement on the town's topic only
    response = client.get(reverse("topics:topic_list"))
    assert "1 Thema gefunden" in _text(response)

    client.force_login(world.users["unit_editor"])  # county users read all topics
    response = client.get(reverse("topics:topic_list"))
    assert "2 Themen gefunden" in _text(response)
    assert "Rangliste" not in _text(response)


def test_the_list_filters_by_status_field_and_body(client, world):
    TopicFactory(title="Schul-WLAN", submitted_by=world.users["reader"])
    client.force_login(world.users["staff"])
    url = reverse("topics:topic_list")
    response = client.get(url, {"status": "IN_PREPARATION"})
    assert "Digitale Gewerbeanmeldung" in _text(response)
    assert "Schul-WLAN" not in _text(response)
    response = client.get(url, {"field": world.field.pk})
    assert "1 Thema gefunden" in _text(response)
    response = client.get(url, {"body": world.county.pk})
    assert "Schul-WLAN" in _text(response)
    assert "Digitale Gewerbeanmeldung" not in _text(response)
    assert "Rangliste" in _text(response)


def test_the_list_answers_htmx_with_the_results_only(client, world):
    client.force_login(world.users["staff"])
    response = client.get(reverse("topics:topic_list"), headers={"HX-Request": "true"})
    assert 'id="results"' in _text(response)
    assert "<h1" not in _text(response)


# Ranking ------------------------------------------------------------------------------------


def test_the_ranking_explains_each_rank_and_follows_new_weights(client, world):
    staff = world.users["staff"]
    criteria = {c.code: c for c in PriorityCriterion.objects.all()}
    urgent = TopicFactory(
        title="Eilige Schnittstelle", status=Topic.Status.IN_PREPARATION, submitted_by=staff
    )
    law = TopicFactory(
        title="OZG-Leistung Wohngeld",
        status=Topic.Status.READY_FOR_DECISION,
        submitted_by=staff,
        legal_obligation="OZG",
        deadline=datetime.date(2030, 12, 31),
    )
    actions.score_topic(
        acting_user=staff,
        topic=world.topic,
        scores={criteria["citizen_benefit"]: (5, "Hoch"), criteria["urgency"]: (1, "Kaum")},
    )
    actions.score_topic(
        acting_user=staff,
        topic=urgent,
        scores={criteria["citizen_benefit"]: (1, "Kaum"), criteria["urgency"]: (5, "Sehr")},
    )
    client.force_login(staff)
    text = _text(client.get(reverse("topics:topic_ranking")))
    assert text.index(law.title) < text.index(world.topic.title) < text.index(urgent.title)
    assert "rechtliche Verpflichtung" in text
    assert "Rechtliche Verpflichtung mit Frist (OZG, bis 31.12.2030)" in text
    assert "Gewichtete Punktzahl 17 von 75 Punkten" in text

    data = _criteria_data()
    index = next(
        i for i in range(7) if data[f"criteria-{i}-criterion_id"] == criteria["urgency"].pk
    )
    data[f"criteria-{index}-weight"] = 5
    response = client.post(reverse("topics:criteria_edit"), data, follow=True)
    text = _text(response)
    assert "die Rangliste verwendet die neue Gewichtung" in text
    assert text.index(law.title) < text.index(urgent.title) < text.index(world.topic.title)


def test_bad_weights_are_shown_and_nothing_is_saved(client, world):
    client.force_login(world.users["staff"])
    data = _criteria_data()
    data["criteria-0-weight"] = 11
    before = topics_state()
    response = client.post(reverse("topics:criteria_edit"), data)
    assert response.status_code == 200
    assert "Es wurde nichts gespeichert" in _text(response)
    assert topics_state() == before


# Detail ------------------------------------------------------------------------------------


def test_the_detail_shows_facts_statements_scores_rank_and_history(client, world):
    staff = world.users["staff"]
    actions.score_topic(
        acting_user=staff,
        topic=world.topic,
        scores={PriorityCriterion.objects.get(code="cost"): (1, "Nur Lizenzkosten")},
    )
    actions.give_statement(
        acting_user=world.users["officer"],
        statement=world.statement,
        result=Statement.Result.CONCERNS,
        text="Löschfristen fehlen.",
        given_on=timezone.localdate(),
    )
    actions.waive_statement(
        acting_user=world.users["chair"],
        statement=world.topic.statements.get(kind=Statement.Kind.STAFF_COUNCIL),
        reason="Dienstvereinbarung deckt es ab.",
    )
    client.force_login(staff)
    text = _text(client.get(reverse("topics:topic_detail", args=[world.topic.pk])))
    assert "Verzicht durch den Vorsitz" in text
    assert "Dienstvereinbarung deckt es ab." in text
    assert "<h1" in text
    assert text.count("<h1") == 1
    assert "Digitale Gewerbeanmeldung" in text
    assert "Bedenken" in text
    assert "Löschfristen fehlen." in text
    assert "Rang 1 von 1" in text
    assert "Bewertung: 8 von 75 Punkten" in text  # cost: 2 × (5 − 1)
    assert "Nur Lizenzkosten" in text
    assert "Änderungsverlauf" in text
    assert "Stellungnahme" in text
    assert "Personalrat" in text
    assert "Auf „Entscheidungsreif“ setzen" in text
    assert "Thema zurückziehen" in text


def test_ready_for_decision_is_refused_on_the_page_with_the_missing_statements(client, world):
    client.force_login(world.users["staff"])
    before = topics_state()
    response = client.post(
        reverse("topics:topic_status", args=[world.topic.pk]),
        {"status": "READY_FOR_DECISION", "version": world.topic.version},
        follow=True,
    )
    text = _text(response)
    assert "noch nicht entscheidungsreif" in text
    assert "Datenschutzbeauftragte(r), Personalrat" in text
    assert topics_state() == before


def test_a_stale_status_button_is_refused(client, world):
    client.force_login(world.users["staff"])
    before = topics_state()
    response = client.post(
        reverse("topics:topic_status", args=[world.topic.pk]),
        {"status": "WITHDRAWN", "version": world.topic.version - 1},
        follow=True,
    )
    assert "Jemand anderes hat dieses Thema geändert" in _text(response)
    assert topics_state() == before


def test_the_submitter_sees_and_uses_the_withdraw_button(client, world):
    user = world.users["reader"]
    topic = TopicFactory(submitted_by=user)
    client.force_login(user)
    url = reverse("topics:topic_detail", args=[topic.pk])
    assert "Thema zurückziehen" in _text(client.get(url))
    response = client.post(
        reverse("topics:topic_status", args=[topic.pk]),
        {"status": "WITHDRAWN", "version": topic.version},
        follow=True,
    )
    assert "Das Thema ist jetzt „Zurückgezogen“." in _text(response)
    assert "Thema zurückziehen" not in _text(response)


def test_the_chair_sees_the_waiver_link_the_officer_the_statement_link(client, world):
    url = reverse("topics:topic_detail", args=[world.topic.pk])
    client.force_login(world.users["chair"])
    text = _text(client.get(url))
    assert "Ohne sie entscheiden" in text
    assert "Stellungnahme abgeben" not in text
    client.force_login(world.users["officer"])
    text = _text(client.get(url))
    assert text.count("Stellungnahme abgeben") == 1  # data protection only
    assert "Ohne sie entscheiden" not in text


def test_requesting_statements_from_the_page(client, world):
    Topic.objects.filter(pk=world.topic.pk).update(touches_equality=True)
    client.force_login(world.users["staff"])
    url = reverse("topics:topic_detail", args=[world.topic.pk])
    assert "Erforderlich, aber noch nicht angefordert: Gleichstellungsbeauftragte" in _text(
        client.get(url)
    )
    response = client.post(reverse("topics:statements_request", args=[world.topic.pk]), follow=True)
    assert "Stellungnahmen angefordert von: Gleichstellungsbeauftragte." in _text(response)
    assert world.topic.statements.count() == 3


# Forms -------------------------------------------------------------------------------------


def test_submitting_through_the_form(client, world):
    client.force_login(world.users["municipality_editor_own"])
    assert client.get(reverse("topics:topic_create")).status_code == 200
    data = {
        "title": "Digitaler Bauantrag",
        "problem": "Bauanträge kommen auf Papier.",
        "proposal": "Bauportal NRW anbinden.",
        "fields": [world.field.pk],
        "rough_cost": "12000",
        "touches_personal_data": "on",
    }
    response = client.post(reverse("topics:topic_create"), data, follow=True)
    topic = Topic.objects.get(title="Digitaler Bauantrag")
    assert f"wurde als {topic.reference} bei der Lenkungsgruppe angemeldet" in _text(response)
    assert topic.submitting_body == world.town
    assert topic.touches_personal_data


def test_a_bad_submission_shows_german_messages_and_saves_nothing(client, world):
    client.force_login(world.users["reader"])
    before = topics_state()
    data = {
        "title": "",
        "problem": "",
        "proposal": "x",
        "deadline": "2020-01-01",
        "rough_cost": "-5",
    }
    response = client.post(reverse("topics:topic_create"), data)
    text = _text(response)
    assert response.status_code == 200
    for message in (
        "Geben Sie einen Titel ein.",
        "Beschreiben Sie das Problem oder den Bedarf.",
        "Wählen Sie mindestens ein Handlungsfeld.",
    ):
        assert message in text
    assert topics_state() == before
    data |= {"title": "T", "problem": "P", "fields": [world.field.pk]}
    text = _text(client.post(reverse("topics:topic_create"), data))
    assert "Die Frist darf nicht in der Vergangenheit liegen." in text
    assert "Die Kosten dürfen nicht negativ sein." in text
    assert topics_state() == before


def test_a_stale_edit_form_is_refused(client, world):
    client.force_login(world.users["staff"])
    url = reverse("topics:topic_edit", args=[world.topic.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": "Neu",
        "problem": "P",
        "proposal": "V",
        "fields": [world.field.pk],
        "version": world.topic.version - 1,
    }
    before = topics_state()
    response = client.post(url, data)
    assert "Jemand anderes hat dieses Thema geändert" in _text(response)
    assert topics_state() == before


def test_statement_and_waiver_forms_show_their_errors(client, world):
    client.force_login(world.users["officer"])
    url = reverse("topics:statement_give", args=[world.topic.pk, world.statement.pk])
    assert client.get(url).status_code == 200
    before = topics_state()
    data = {"result": "CONCERNS", "text": "", "given_on": timezone.localdate().isoformat()}
    response = client.post(url, data)
    assert "Nennen Sie in der Stellungnahme die Auflagen oder Bedenken." in _text(response)
    assert topics_state() == before

    client.force_login(world.users["chair"])
    before = topics_state()  # the chair's login is audited
    url = reverse("topics:statement_waive", args=[world.topic.pk, world.statement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert "Begründen Sie, warum ohne diese Stellungnahme entschieden werden soll." in _text(
        response
    )
    assert topics_state() == before


def test_a_given_statement_offers_no_waiver(client, world):
    given = StatementFactory(
        topic=world.topic,
        kind=Statement.Kind.DISABILITY,
        result="AGREED",
        given_on=timezone.localdate(),
    )
    client.force_login(world.users["chair"])
    url = reverse("topics:statement_waive", args=[world.topic.pk, given.pk])
    before = topics_state()
    response = client.post(url, {"reason": "Eilt"})
    assert "liegt bereits vor" in _text(response)
    assert topics_state() == before


def test_scoring_through_the_formset(client, world):
    client.force_login(world.users["staff"])
    url = reverse("topics:topic_score", args=[world.topic.pk])
    text = _text(client.get(url))
    assert text.count("<fieldset") == 7
    assert "Bewertung: Kosten" in text
    assert "Eine hohe Bewertung senkt die Priorität." in text
    data = _score_data(world.topic)
    index = next(i for i in range(7) if data[f"scores-{i}-score"] == 4)
    data[f"scores-{index}-reason"] = ""
    before = topics_state()
    response = client.post(url, data)
    assert "Begründen Sie die Bewertung." in _text(response)
    assert topics_state() == before
    response = client.post(url, _score_data(world.topic), follow=True)
    assert "Die Bewertung wurde gespeichert." in _text(response)
    assert TopicScore.objects.get(topic=world.topic).score == 4
    assert AuditEntry.objects.filter(subject_type__model="topicscore").count() == 1


def test_a_score_form_opened_before_the_criteria_changed_is_refused(client, world):
    client.force_login(world.users["staff"])
    data = _score_data(world.topic)
    PriorityCriterion.objects.filter(code="legal_obligation").update(is_active=False)
    data["scores-TOTAL_FORMS"] = data["scores-INITIAL_FORMS"] = 6
    before = topics_state()
    response = client.post(reverse("topics:topic_score", args=[world.topic.pk]), data)
    assert "Die Kriterien wurden geändert" in _text(response)
    assert topics_state() == before
