"""Pages of the papers. Each view checks access, makes one call, renders or redirects.

Public papers are read without a login. Refusals: anonymous visitors are sent to the login
for anything else, logged-in users without the right get 403 (a non-public paper they may not
read is a 404); no refusal changes anything.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.models import Body
from smartkreis import frozen
from smartkreis.contributions import page_sections
from smartkreis.documents import DocumentTemplateError
from smartkreis.forms import action_errors_on
from smartkreis.views import form_page

from . import actions, documents, queries
from .forms import BlockForm, ConsultationForm, FileForm, LinksForm, PaperForm, TemplateForm
from .models import Consultation, PaperBlock, PaperFile
from .permissions import (
    can_edit_paper,
    can_manage_papers,
    can_view_internal,
    get_paper_for_user_or_404,
)

PAGE_SIZE = 25


def _login_if_anonymous(view):
    """Public pages: an anonymous visitor refused (a non-public paper) is sent to the login."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapped


def _require_manage(user):
    if not can_manage_papers(user):
        raise PermissionDenied


def _editable_paper(user, pk):
    paper = get_paper_for_user_or_404(user, pk, manage=True)
    if not can_edit_paper(user, paper):
        raise PermissionDenied
    return paper


def _show_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


# List and detail ---------------------------------------------------------------------------


@require_GET
def paper_list(request):
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "papers/paper_list.html",
        {
            **queries.paper_list_page(request.user, request.GET, page_size=PAGE_SIZE),
            "query": query.urlencode(),
            "can_manage": can_manage_papers(request.user),
        },
    )


@require_GET
@_login_if_anonymous
def paper_detail(request, pk):
    paper = get_paper_for_user_or_404(request.user, pk)
    page = queries.paper_page(user=request.user, paper=paper)
    context = {
        "page": page,
        "paper": paper,
        "document_sections": page_sections("paper_document_sections", paper=paper),
    }
    return render(request, "papers/paper_detail.html", context)


@require_GET
@_login_if_anonymous
def version_detail(request, pk, number):
    paper = get_paper_for_user_or_404(request.user, pk)
    context = queries.version_page(user=request.user, paper=paper, number=number)
    if context is None:
        raise Http404
    return render(request, "papers/version_detail.html", context)


# Create and edit ---------------------------------------------------------------------------


def _body_for(user):
    return user.body or Body.objects.filter(kind=Body.Kind.COUNTY).order_by("pk").first()


@require_http_methods(["GET", "POST"])
@login_required
def paper_create(request):
    _require_manage(request.user)
    form = PaperForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            paper = actions.create_paper(
                acting_user=request.user, body=_body_for(request.user), **form.values()
            )
            messages.success(request, _("The paper has been created."))
            return redirect(paper)
    return form_page(
        request,
        form=form,
        heading=_("New paper"),
        submit_label=_("Create paper"),
        cancel_url=reverse("papers:paper_list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def paper_edit(request, pk):
    paper = _editable_paper(request.user, pk)
    form = PaperForm(request.POST or None, paper=paper)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_paper(
                acting_user=request.user,
                paper=paper,
                expected_version=form.expected_version,
                **form.values(),
            )
            messages.success(request, _("Your changes have been saved."))
            return redirect(paper)
    return form_page(
        request,
        form=form,
        heading=_("Edit paper “%(reference)s”") % {"reference": paper.reference or paper.subject},
        submit_label=_("Save changes"),
        cancel_url=paper.get_absolute_url(),
        back_url=paper.get_absolute_url(),
        back_label=str(paper),
    )


@require_http_methods(["GET", "POST"])
@login_required
def paper_links(request, pk):
    paper = get_paper_for_user_or_404(request.user, pk, manage=True)
    form = LinksForm(request.POST or None, paper=paper, papers=queries.visible_papers(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with action_errors_on(form):
            actions.link_initiatives(
                acting_user=request.user, paper=paper, initiatives=data["initiatives"]
            )
            if not paper.external_id:
                actions.relate_papers(
                    acting_user=request.user,
                    paper=paper,
                    related_papers=data["related_papers"],
                    superordinated_paper=data["superordinated_paper"],
                )
            messages.success(request, _("The links have been saved."))
            return redirect(f"{paper.get_absolute_url()}#links")
    return form_page(
        request,
        form=form,
        heading=_("Links of “%(subject)s”") % {"subject": paper.subject},
        submit_label=_("Save links"),
        cancel_url=f"{paper.get_absolute_url()}#links",
        back_url=paper.get_absolute_url(),
        back_label=str(paper),
    )


# Consultations -----------------------------------------------------------------------------


def _consultation_form_page(request, paper, consultation=None):
    form = ConsultationForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            if consultation is None:
                actions.add_consultation(acting_user=request.user, paper=paper, **form.values())
            else:
                actions.update_consultation(
                    acting_user=request.user, consultation=consultation, **form.values()
                )
            messages.success(request, _("The consultation sequence has been saved."))
            return redirect(f"{paper.get_absolute_url()}#consultations")
    return form_page(
        request,
        form=form,
        heading=_("Add a committee to the consultation sequence")
        if consultation is None
        else _("Edit the consultation"),
        submit_label=_("Add") if consultation is None else _("Save changes"),
        cancel_url=f"{paper.get_absolute_url()}#consultations",
        back_url=paper.get_absolute_url(),
        back_label=str(paper),
    )


@require_http_methods(["GET", "POST"])
@login_required
def consultation_create(request, pk):
    return _consultation_form_page(request, _editable_paper(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def consultation_edit(request, pk, consultation_pk):
    paper = _editable_paper(request.user, pk)
    consultation = get_object_or_404(Consultation, pk=consultation_pk, paper=paper)
    return _consultation_form_page(request, paper, consultation)


@login_required
@require_POST
def consultation_delete(request, pk, consultation_pk):
    paper = _editable_paper(request.user, pk)
    consultation = get_object_or_404(Consultation, pk=consultation_pk, paper=paper)
    try:
        actions.remove_consultation(acting_user=request.user, consultation=consultation)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The committee has been removed from the sequence."))
    return redirect(f"{paper.get_absolute_url()}#consultations")


# Attachments -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def file_create(request, pk):
    paper = _editable_paper(request.user, pk)
    form = FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with action_errors_on(form):
            actions.add_file(
                acting_user=request.user,
                paper=paper,
                upload=data["upload"],
                name=data["name"],
                is_main_file=data["is_main_file"],
            )
            messages.success(request, _("The attachment has been added."))
            return redirect(f"{paper.get_absolute_url()}#files")
    return form_page(
        request,
        form=form,
        heading=_("Add an attachment"),
        submit_label=_("Upload"),
        cancel_url=f"{paper.get_absolute_url()}#files",
        back_url=paper.get_absolute_url(),
        back_label=str(paper),
        multipart=True,
    )


@login_required
@require_POST
def file_delete(request, pk, file_pk):
    paper = _editable_paper(request.user, pk)
    paper_file = get_object_or_404(PaperFile, pk=file_pk, paper=paper)
    try:
        actions.remove_file(acting_user=request.user, paper_file=paper_file)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The attachment has been removed."))
    return redirect(f"{paper.get_absolute_url()}#files")


@require_GET
@_login_if_anonymous
def file_download(request, pk, file_pk):
    paper = get_paper_for_user_or_404(request.user, pk)
    paper_file = get_object_or_404(queries.visible_files(request.user, paper), pk=file_pk)
    if not paper_file.content:
        raise Http404
    return FileResponse(
        paper_file.content.open("rb"),
        as_attachment=True,
        filename=paper_file.file_name or paper_file.content.name.rsplit("/", 1)[-1],
        content_type=paper_file.mime_type or "application/octet-stream",
    )


# Live-data blocks --------------------------------------------------------------------------


def _block_form_page(request, paper, block=None):
    form = BlockForm(request.POST or None, block=block)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            if block is None:
                actions.add_block(acting_user=request.user, paper=paper, **form.values())
            else:
                actions.update_block(acting_user=request.user, block=block, **form.values())
            messages.success(request, _("The live-data block has been saved."))
            return redirect(f"{paper.get_absolute_url()}#blocks")
    return form_page(
        request,
        form=form,
        heading=_("Insert a live-data block") if block is None else _("Edit the live-data block"),
        submit_label=_("Insert") if block is None else _("Save changes"),
        cancel_url=f"{paper.get_absolute_url()}#blocks",
        back_url=paper.get_absolute_url(),
        back_label=str(paper),
    )


@require_http_methods(["GET", "POST"])
@login_required
def block_create(request, pk):
    return _block_form_page(request, _editable_paper(request.user, pk))


@require_http_methods(["GET", "POST"])
@login_required
def block_edit(request, pk, block_pk):
    paper = _editable_paper(request.user, pk)
    return _block_form_page(request, paper, get_object_or_404(PaperBlock, pk=block_pk, paper=paper))


@login_required
@require_POST
def block_delete(request, pk, block_pk):
    paper = _editable_paper(request.user, pk)
    block = get_object_or_404(PaperBlock, pk=block_pk, paper=paper)
    try:
        actions.remove_block(acting_user=request.user, block=block)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The live-data block has been removed."))
    return redirect(f"{paper.get_absolute_url()}#blocks")


# Versions and files ------------------------------------------------------------------------


@login_required
@require_POST
def paper_finalise(request, pk):
    paper = _editable_paper(request.user, pk)
    try:
        version = actions.finalise_paper(acting_user=request.user, paper=paper)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request, _("Version %(number)s has been finalised.") % {"number": version.number}
        )
    return redirect(f"{paper.get_absolute_url()}#versions")


@login_required
@require_POST
def paper_new_draft(request, pk):
    paper = _editable_paper(request.user, pk)
    try:
        actions.start_new_draft(acting_user=request.user, paper=paper)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("A new draft has been started; it shows live data again."))
    return redirect(paper.get_absolute_url())


def _kept_document(request, paper, content, extension, version=None):
    document = documents.kept_document(
        paper,
        content,
        extension,
        include_internal=can_view_internal(request.user, paper),
        version=version,
    )
    try:
        return frozen.serve(request, document)
    except DocumentTemplateError as error:
        messages.error(request, str(error))
        return redirect(paper)


def _shown_document(request, pk, extension):
    """The file of what the paper's page shows: its version, or an imported paper as imported.
    A draft's file shows live data; a job on the paper's page writes it."""
    paper = get_paper_for_user_or_404(request.user, pk)
    version, content = queries.shown_content(request.user, paper)
    if version is None and not paper.external_id:
        messages.info(
            request,
            _(
                "A draft's files show the register's live data and are created on request: "
                "choose “Create PDF (current state)” or “Create Word document (current state)”."
            ),
        )
        return redirect(paper)
    return _kept_document(request, paper, content, extension, version)


def _version_document(request, pk, number, extension):
    paper = get_paper_for_user_or_404(request.user, pk)
    version = get_object_or_404(queries.visible_versions(request.user, paper), number=number)
    return _kept_document(request, paper, version.content, extension, version)


@require_GET
@_login_if_anonymous
def paper_pdf(request, pk):
    return _shown_document(request, pk, "pdf")


@require_GET
@_login_if_anonymous
def paper_docx(request, pk):
    return _shown_document(request, pk, "docx")


@require_GET
@_login_if_anonymous
def version_pdf(request, pk, number):
    return _version_document(request, pk, number, "pdf")


@require_GET
@_login_if_anonymous
def version_docx(request, pk, number):
    return _version_document(request, pk, number, "docx")


# Word templates ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def template_list(request):
    _require_manage(request.user)
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.upload_document_template(
                acting_user=request.user,
                name=form.cleaned_data["name"],
                upload=form.cleaned_data["upload"],
            )
            messages.success(request, _("The Word template is now used for every paper."))
            return redirect("papers:template_list")
    return render(
        request,
        "papers/template_list.html",
        {
            "form": form,
            "templates": queries.document_templates(),
            "active": documents.active_template(),
        },
    )


@login_required
@require_POST
def template_reset(request):
    _require_manage(request.user)
    actions.use_default_template(acting_user=request.user)
    messages.success(request, _("The default Word template is used again."))
    return redirect("papers:template_list")
