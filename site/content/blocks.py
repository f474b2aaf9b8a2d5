from django.utils.translation import gettext_lazy as _
from wagtail import blocks

ICONS = [
    ("agency", _("Agency (building)")),
    ("money", _("Money transfer")),
    ("rights", _("Rights (scales)")),
    ("help", _("Help (hand)")),
]


class WayInBlock(blocks.StructBlock):
    """One of the home page's ways in: an icon, a heading, a line of text and where it leads."""

    icon = blocks.ChoiceBlock(choices=ICONS, label=_("Icon"))
    heading = blocks.CharBlock(max_length=60, label=_("Heading"))
    text = blocks.TextBlock(max_length=200, label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Leads to"))

    class Meta:
        icon = "link"
        label = _("Way in")
        template = "content/blocks/way_in.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page: headings and paragraphs."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"), template="content/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph"))
