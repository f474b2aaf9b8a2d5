"""Lantern's content: the home page, plain pages, rights guides and the support directory (each in its own module);
the fact-check workflow's task; the topics that guides and organisations share."""

from content.models.checked import FactCheckTask
from content.models.directory import SupportDirectoryPage, SupportOrganisation
from content.models.guides import GuideIndexPage, GuidePage, GuideSource
from content.models.pages import HomePage, StandardPage
from content.models.taxonomy import Topic

__all__ = [
    "FactCheckTask", "GuideIndexPage", "GuidePage", "GuideSource", "HomePage", "StandardPage",
    "SupportDirectoryPage", "SupportOrganisation", "Topic",
]
