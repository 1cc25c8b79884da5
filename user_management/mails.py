"""The invitation mail, sent at once through the project's mailer (MAILERS["default"]).

It is not queued in the outbox (notifications.OutgoingMail): the link in it is a credential,
and the outbox keeps every mail's text, which the staff unit can read on the outbox page.
"""

from django.core import mail as django_mail
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from notifications.mails import in_site_language


def invitation_text(invitation, *, link):
    """Subject and body of the invitation mail (in the site's language; see send_invitation)."""
    inviter = invitation.invited_by
    values = {
        "inviter": str(inviter) if inviter is not None else "smartkreis",
        "role": invitation.get_role_display(),
        "body": invitation.body.name if invitation.body_id else "–",
        "until": formats.date_format(
            timezone.localtime(invitation.expires_at), "SHORT_DATETIME_FORMAT"
        ),
        "link": link,
    }
    subject = _("Your invitation to smartkreis")
    lines = [
        _("Good day,"),
        "",
        _("%(inviter)s invites you to smartkreis, the county's digital transformation steering.")
        % values,
        _("Role: %(role)s") % values,
        _("Body: %(body)s") % values,
    ]
    if invitation.org_unit_id:
        lines.append(_("Unit: %(unit)s") % {"unit": invitation.org_unit})
    lines += [
        "",
        _("Open this link to choose your user name and password:"),
        link,
        "",
        _("The link is valid until %(until)s and can be used once.") % values,
        _("If you did not expect this invitation, you can ignore this mail."),
        "",
        _("Kind regards\nsmartkreis – digital transformation steering"),
    ]
    return subject, "\n".join(lines)


def send_invitation(invitation, *, link):
    """Send the invitation mail now; raises what the mail server or connection raises."""
    with in_site_language():
        subject, body = invitation_text(invitation, link=link)
    message = django_mail.EmailMessage(subject=subject, body=body, to=[invitation.email])
    message.send(using="default")
