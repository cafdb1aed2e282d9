from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The editor's workspace: coordinators and contributors edit their partnership."""

    name = "twinplan.workspace"
    label = "workspace"
    verbose_name = _("Workspace")
