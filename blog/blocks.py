from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CreditBlock(blocks.StructBlock):
    """The credit line of a reused image: "'Title' by Creator used under
    CC BY 2.0", each part linked where a link is given."""

    title = blocks.CharBlock(label=_("work title"), required=False)
    title_url = blocks.URLBlock(label=_("link to the work"), required=False)
    creator = blocks.CharBlock(label=_("creator"), required=False)
    creator_url = blocks.URLBlock(label=_("link to the creator"), required=False)
    licence = blocks.CharBlock(
        label=_("licence"), required=False, help_text=_("For example CC BY 2.0.")
    )
    licence_url = blocks.URLBlock(label=_("link to the licence"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blog/blocks/credit.html"


class ImageBlock(blocks.StructBlock):
    """An image with its alternative text, caption and credit."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = CreditBlock(label=_("credit"), required=False)

    class Meta:
        icon = "image"
        template = "blog/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation and who said it."""

    quote = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "blog/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one button: apply, vote, sign up."""

    text = blocks.CharBlock(label=_("text"))
    button_label = blocks.CharBlock(label=_("button label"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(
        label=_("or a web address"), required=False, help_text=_("Used if no page.")
    )

    class Meta:
        icon = "pick"
        template = "blog/blocks/call_to_action.html"


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a post (level 2 or 3)."""

    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blog/blocks/heading.html"


class PostBodyBlock(blocks.StreamBlock):
    """The body of a post."""

    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )
    heading = HeadingBlock(label=_("heading"))
    image = ImageBlock(label=_("image"))
    quote = QuoteBlock(label=_("quote"))
    embed = EmbedBlock(label=_("embed"), icon="media")
    call_to_action = CallToActionBlock(label=_("call to action"))


class PromptBlock(blocks.StructBlock):
    """One conversation prompt of a discussion topic: the question partners
    talk about, and guidance on how to go about it."""

    question = blocks.CharBlock(label=_("question"))
    guidance = blocks.RichTextBlock(
        label=_("guidance"), features=["bold", "italic", "link", "ul"], required=False
    )

    class Meta:
        icon = "help"
        template = "blog/blocks/prompt.html"


class PromptsBlock(blocks.StreamBlock):
    """The conversation prompts of a discussion topic."""

    prompt = PromptBlock(label=_("prompt"))
