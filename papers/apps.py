from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PapersConfig(AppConfig):
    name = "papers"
    verbose_name = _("Papers")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("papers:paper_list", _("Papers"), "/vorlagen/", 60)]

    def initiative_sections(self, *, user, initiative, today):
        """The papers on an initiative, for its page in the register (a lower app's page)."""
        from smartkreis.contributions import PageSection

        from .queries import papers_for_initiative

        papers = papers_for_initiative(user, initiative)
        return [PageSection("papers/_initiative_papers.html", {"papers": papers}, position=10)]

    def ready(self):
        from smartkreis.files import remove_stored_files_with

        from .models import DocumentTemplate, Paper, PaperFile

        remove_stored_files_with(Paper, kept_documents=True)
        remove_stored_files_with(PaperFile)
        remove_stored_files_with(DocumentTemplate)
