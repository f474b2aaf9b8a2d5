from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

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
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))


class WarningBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Warning")
        template = "content/blocks/warning.html"


class CitationBlock(blocks.StructBlock):
    """A pointer from a statement to one of the page's numbered sources, with the passage it rests on."""

    source = blocks.IntegerBlock(min_value=1, max_value=50, label=_("Source number"),
                                 help_text=_("The number of the source in the list of sources below."))
    passage = blocks.TextBlock(max_length=600, required=False, label=_("Quoted passage"))

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "content/blocks/citation.html"


class GuideBodyBlock(blocks.StreamBlock):
    """The body of a rights guide: a few small blocks that read well on a small screen."""

    text = blocks.RichTextBlock(features=["h2", "h3", *RICH_TEXT_FEATURES], label=_("Text"))
    key_facts = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Key facts"),
                                 template="content/blocks/key_facts.html")
    steps = blocks.ListBlock(blocks.TextBlock(max_length=600), label=_("Steps"), template="content/blocks/steps.html")
    warning = WarningBlock()
    contact = SnippetChooserBlock("content.SupportOrganisation", icon="user", label=_("Contact card"),
                                  template="content/blocks/contact.html")
    citation = CitationBlock()
