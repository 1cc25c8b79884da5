"""Writing the steering group's demo (demo/data/governance.toml and topics.toml) to the database.

Part of demo.loading.load_demo, run after the demo logins exist. Every change goes through
topics.actions and governance.actions, so topics pass the real workflow (submitted, in
preparation, statements, ready for decision) and decisions create their initiatives. These
actions take no audit source: their history names the demo staff-unit user ("stabsstelle")
as the actor (the submitters of municipal and withdrawn topics are "siegburg" and "amt12").
Dates are passed as the actions' `now`/`today`, so the history is dated as it happened.

Idempotent: a committee is looked up by body and name, a membership by committee, person and
function title, a meeting by committee and start, a topic by title; what exists is skipped.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from governance import actions as governance_actions
from governance.models import (
    AgendaItem,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
)
from portfolio import actions as portfolio_actions
from topics import actions as topic_actions
from topics.models import PriorityCriterion, Statement, Topic

from .datafiles import resolve

AUDIT = {"audit_source": AuditEntry.Source.IMPORT, "audit_label": "Demo-Import"}
# A topic is submitted, prepared, signed off and ready this many days before its meeting.
SUBMITTED_BEFORE, PREPARED_BEFORE, SIGNED_OFF_BEFORE, READY_BEFORE = 56, 42, 21, 14
STANDING_KINDS = (
    AgendaItem.Kind.MINUTES_APPROVAL,
    AgendaItem.Kind.STAFF_UNIT_REPORT,
    AgendaItem.Kind.PORTFOLIO_STATUS,
    AgendaItem.Kind.OPEN_ACTION_ITEMS,
)


def _moment(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _days(day, count):
    return day - datetime.timedelta(days=count)


class GovernanceLoader:
    def __init__(self, loader):
        self.loader = loader
        self.data = loader.data
        self.today = loader.today
        self.users = {user.username: user for user in User.objects.filter(is_active=True)}
        self.staff = self.users["stabsstelle"]
        self.committees = {}
        self.topics = {}

    def count(self, kind):
        self.loader.result.created[kind] += 1

    def run(self):
        self._terms_and_venue()
        self._committees()
        self._history()
        self._open_topics()
        self._upcoming_meeting()

    # Committees ----------------------------------------------------------------------------

    def _terms_and_venue(self):
        county = self.loader.bodies["county"]
        for spec in self.data.legislative_terms:
            term, created = LegislativeTerm.objects.get_or_create(
                body=county,
                name=spec["name"],
                defaults={"start_date": spec["start"], "end_date": spec.get("end")},
            )
            if created:
                self.loader._record_import(term)
                self.count("Wahlperioden")
        venue = self.data.venue
        self.venue, created = Location.objects.get_or_create(
            description=venue["description"], defaults=venue
        )
        if created:
            self.loader._record_import(self.venue)
            self.count("Sitzungsorte")

    def _committees(self):
        county = self.loader.bodies["county"]
        for spec in self.data.committees:
            name = spec["name"]
            organization = Organization.objects.filter(body=county, name=name).first()
            if organization is None:
                organization = governance_actions.create_committee(
                    acting_user=self.staff,
                    body=county,
                    name=name,
                    short_name=spec["short_name"],
                    kind=spec["kind"],
                    start_date=spec["start_date"],
                )
                self.count("Gremien")
            self.committees[name] = organization
            for member in spec.get("members", []):
                person = self.loader.people[member["person"]]
                if Membership.objects.filter(
                    organization=organization, person=person, function_title=member["title"]
                ).exists():
                    continue
                governance_actions.add_membership(
                    acting_user=self.staff,
                    organization=organization,
                    person=person,
                    function_title=member["title"],
                    role=member["role"],
                    is_optional=member.get("optional", False),
                    start_date=member["start"],
                    end_date=member.get("end"),
                )
                self.count("Mitgliedschaften")

    # Topics --------------------------------------------------------------------------------

    def _existing_topic(self, title):
        return Topic.objects.filter(title=title).order_by("id").first()

    def _submit(self, spec, *, user, unit_key, now):
        values = {
            name: spec[name]
            for name in (
                "problem",
                "proposal",
                "expected_benefit",
                "rough_cost",
                "deadline",
                "legal_obligation",
            )
            if spec.get(name)
        }
        affected = spec.get("affected")
        topic = topic_actions.submit_topic(
            acting_user=user,
            now=now,
            title=spec["title"],
            submitting_unit=self.loader.units[unit_key] if unit_key else None,
            fields=[self.loader.fields[code] for code in spec["fields"]],
            affected_bodies=self.loader.municipalities if affected == "municipalities" else [],
            **values,
            **dict.fromkeys(spec.get("flags", []), True),
        )
        self.count("Themenanmeldungen")
        return topic

    def _give_statements(self, topic, statements, default_day):
        for statement in Statement.objects.filter(topic=topic).order_by("id"):
            if statement.kind not in statements:
                continue
            spec = statements[statement.kind]
            given_on = resolve(spec.get("given_on", default_day), self.today)
            topic_actions.give_statement(
                acting_user=self.staff,
                statement=statement,
                result=spec["result"],
                text=spec.get("text", ""),
                given_on=given_on,
                today=given_on,
            )

    def _prepare_for(self, spec, meeting_day):
        """Submit and prepare a topic so that it is ready for the meeting on `meeting_day`."""
        topic = self._submit(
            spec,
            user=self.staff,
            unit_key=spec.get("unit"),
            now=_moment(_days(meeting_day, SUBMITTED_BEFORE)),
        )
        topic = topic_actions.change_topic_status(
            acting_user=self.staff,
            topic=topic,
            new_status=Topic.Status.IN_PREPARATION,
            now=_moment(_days(meeting_day, PREPARED_BEFORE)),
        )
        self._give_statements(
            topic, spec.get("statements", {}), _days(meeting_day, SIGNED_OFF_BEFORE)
        )
        return topic_actions.change_topic_status(
            acting_user=self.staff,
            topic=topic,
            new_status=Topic.Status.READY_FOR_DECISION,
            now=_moment(_days(meeting_day, READY_BEFORE)),
        )

    def _score(self, topic, scores):
        if not scores:
            return
        criteria = PriorityCriterion.objects.filter(code__in=scores, is_active=True)
        topic_actions.score_topic(
            acting_user=self.staff,
            topic=topic,
            scores={
                criterion: (scores[criterion.code], "Einschätzung der Stabsstelle (Demo).")
                for criterion in criteria
            },
        )

    # Meetings ------------------------------------------------------------------------------

    def _history(self):
        steering = self.committees[self.data.steering_group]
        decisions_by_day = {}
        for spec in self.data.topics:
            for decision in spec["decisions"]:
                decisions_by_day.setdefault(decision["meeting"], []).append((spec, decision))
        previous = None
        for day in self.data.meeting_days:
            if day >= self.today:
                break
            start = _moment(day, self.data.meeting_hours["start"])
            meeting = Meeting.objects.filter(organization=steering, start=start).first()
            if meeting is None:
                meeting = self._hold_meeting(
                    steering, day, decisions_by_day.get(day, []), previous=previous
                )
            previous = meeting

    def _topic_for(self, spec, day):
        topic = self.topics.get(spec["title"]) or self._existing_topic(spec["title"])
        if topic is None:
            topic = self._prepare_for(spec, day)
        self.topics[spec["title"]] = topic
        return topic

    def _hold_meeting(self, steering, day, decisions, *, previous):
        online = day.year == 2021
        meeting = governance_actions.plan_meeting(
            acting_user=self.staff,
            organization=steering,
            name=f"{day.month // 3}. Sitzung {day.year} der Lenkungsgruppe Digitalisierung",
            start=_moment(day, self.data.meeting_hours["start"]),
            end=_moment(day, self.data.meeting_hours["end"]),
            location="" if online else self.data.location,
            venue=None if online else self.venue,
            online_url=self.data.online_url if online else "",
        )
        self.count("Sitzungen")
        topics = [self._topic_for(spec, day) for spec, _decision in decisions]
        kinds = STANDING_KINDS if previous else STANDING_KINDS[1:]
        items = governance_actions.build_agenda(
            acting_user=self.staff, meeting=meeting, topics=topics, standing_kinds=kinds
        )
        minutes = {spec["title"]: decision["minutes"] for spec, decision in decisions}
        for item in items:
            text = minutes.get(item.title) or self.data.standing_minutes[item.kind]
            governance_actions.write_minutes(acting_user=self.staff, item=item, minutes=text)
        self._attendance(meeting, day, has_topics=bool(topics))
        by_title = {item.title: item for item in items}
        decided = {}
        for spec, decided_spec in decisions:
            decision = governance_actions.record_decision(
                acting_user=self.staff,
                item=by_title[spec["title"]],
                outcome=decided_spec["outcome"],
                priority=decided_spec.get("priority", ""),
                text=decided_spec["text"],
                today=day,
            )
            self.count("Beschlüsse")
            decided[spec["title"]] = decision
            if decision.initiative is not None:
                self.count("Vorhaben")
                self._start_initiative(decision.initiative, spec, day)
        self._action_items(meeting, day, decided)
        governance_actions.mark_meeting_held(acting_user=self.staff, meeting=meeting, today=day)
        if previous is not None and previous.minutes_approved_in_id is None:
            governance_actions.approve_minutes(
                acting_user=self.staff, meeting=previous, in_meeting=meeting
            )
        return meeting

    def _start_initiative(self, initiative, spec, day):
        """Mark the decision's initiative as demo and let it start a month after the meeting."""
        started = day + datetime.timedelta(days=30)
        values = {
            "demo_note": "Demo: angelegt durch den Beschluss der Lenkungsgruppe vom "
            f"{day:%d.%m.%Y}; Themenanmeldung, Beschluss und Verlauf sind erfunden."
        }
        if spec.get("initiative_status"):
            values |= {"status": "IN_PROGRESS", "start_date": started, "status_changed_on": started}
        initiative = portfolio_actions.update_initiative(
            acting_user=None, initiative=initiative, today=self.today, **AUDIT, **values
        )
        if spec.get("initiative_status") == "COMPLETED":
            portfolio_actions.update_initiative(
                acting_user=None,
                initiative=initiative,
                today=self.today,
                **AUDIT,
                status="COMPLETED",
                status_changed_on=day + datetime.timedelta(days=200),
            )

    def _attendance(self, meeting, day, *, has_topics):
        memberships = (
            Membership.objects.filter(organization=meeting.organization)
            .select_related("person")
            .order_by("id")
        )
        statuses = {}
        for index, membership in enumerate(memberships):
            if membership.start_date and membership.start_date > day:
                continue
            if membership.end_date and membership.end_date < day:
                continue
            if membership.is_optional:
                if has_topics:
                    statuses[membership.person] = "PRESENT"
                continue
            # Now and then someone is excused (a fixed pattern, so runs are reproducible).
            excused = (index + day.month + day.year) % 7 == 0
            statuses[membership.person] = "EXCUSED" if excused else "PRESENT"
        governance_actions.record_attendance(
            acting_user=self.staff, meeting=meeting, statuses=statuses
        )

    def _action_items(self, meeting, day, decided):
        for spec in self.data.action_items:
            if spec["meeting"] != day:
                continue
            person, unit, status = spec.get("owner_person"), spec.get("owner_unit"), spec["status"]
            due_date = max(resolve(spec["due"], self.today), day)
            item = governance_actions.add_action_item(
                acting_user=self.staff,
                meeting=meeting,
                today=day,
                title=spec["title"],
                owner_person=self.loader.people[person] if person else None,
                owner_unit=self.loader.units[unit] if unit else None,
                due_date=due_date,
                status=status if status in ("OPEN", "IN_PROGRESS") else "OPEN",
                decision=decided.get(spec.get("topic")),
            )
            self.count("Aufträge")
            if status in ("DONE", "CANCELLED"):
                governance_actions.update_action_item(
                    acting_user=self.staff,
                    action_item=item,
                    today=min(spec.get("done_on", due_date), self.today),
                    status=status,
                )

    # Open topics and the next meeting ------------------------------------------------------

    def _open_topics(self):
        for spec in self.data.open_topics:
            if self._existing_topic(spec["title"]) is not None:
                continue
            submitted = resolve(spec["submitted"], self.today)
            topic = self._submit(
                spec,
                user=self.users[spec["user"]],
                unit_key=spec.get("unit"),
                now=_moment(submitted),
            )
            for step in spec.get("steps", []):
                status, day = step["status"], resolve(step["on"], self.today)
                if status == Topic.Status.READY_FOR_DECISION:
                    self._give_statements(topic, spec.get("statements", {}), day)
                user = self.users[spec["user"]] if status == Topic.Status.WITHDRAWN else self.staff
                topic = topic_actions.change_topic_status(
                    acting_user=user, topic=topic, new_status=status, now=_moment(day)
                )
                if status == Topic.Status.IN_PREPARATION:
                    self._score(topic, spec.get("scores"))
            if topic.status == Topic.Status.IN_PREPARATION:
                self._give_statements(topic, spec.get("statements", {}), self.today)
            self.topics[spec["title"]] = topic

    def _upcoming_meeting(self):
        steering = self.committees[self.data.steering_group]
        if Meeting.objects.filter(
            organization=steering, state__in=(Meeting.State.PLANNED, Meeting.State.INVITED)
        ).exists():
            return
        day = resolve(self.data.upcoming_meeting, self.today)
        meeting = governance_actions.plan_meeting(
            acting_user=self.staff,
            organization=steering,
            name=f"Sitzung der Lenkungsgruppe Digitalisierung am {day:%d.%m.%Y}",
            start=_moment(day, self.data.meeting_hours["start"]),
            end=_moment(day, self.data.meeting_hours["end"]),
            location=self.data.location,
            venue=self.venue,
        )
        self.count("Sitzungen")
        topics = [
            self.topics[spec["title"]]
            for spec in self.data.open_topics
            if spec.get("on_upcoming_agenda")
            and self.topics[spec["title"]].status == Topic.Status.READY_FOR_DECISION
        ]
        governance_actions.build_agenda(
            acting_user=self.staff, meeting=meeting, topics=topics, standing_kinds=STANDING_KINDS
        )


def load_governance(loader):
    GovernanceLoader(loader).run()
