"""Page helpers shared by the apps' views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .forms import action_errors_on


def form_page(
    request,
    *,
    form,
    heading,
    submit_label,
    cancel_url,
    back_url="",
    back_label="",
    intro="",
    multipart=False,
):
    """A page with one form: a back link, the heading, an optional intro, the form, its
    buttons. `multipart` for forms with a file upload."""
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": heading,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "back_url": back_url,
            "back_label": back_label,
            "intro": intro,
            "multipart": multipart,
        },
    )


def _resolved(value, saved):
    return value(saved) if callable(value) else value


def form_flow(request, *, form, save, saved_message, success_url, **page):
    """The create and edit flow of every form page: on a valid POST `save()` runs the action;
    a refusal it raises appears at the form's fields and the page shows again; on success the
    user reads `saved_message` and goes to `success_url` (each a value, or a function of what
    `save()` returned; the URL may be a model with `get_absolute_url`). `page` are the
    arguments of `form_page`."""
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            saved = save()
            messages.success(request, _resolved(saved_message, saved))
            return redirect(_resolved(success_url, saved))
    return form_page(request, form=form, **page)


def delete_flow(request, *, delete, deleted_message, success_url, template, context):
    """The delete flow: a GET shows the confirmation `template` with `context`; a POST runs
    `delete()` and goes to `success_url` with `deleted_message`, or, where the action refuses,
    shows the confirmation again with the reasons as `errors`."""
    errors = []
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, deleted_message)
            return redirect(success_url)
    return render(request, template, {**context, "errors": errors})
