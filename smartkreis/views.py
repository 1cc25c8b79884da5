"""Page helpers shared by the apps' views."""

from django.shortcuts import render


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
