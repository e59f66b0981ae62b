"""The blocks a trainer builds a module from. Questions are scored on the server, never in the browser."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .framework import competencies_by_id


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Eén goed antwoord")),
        (MULTIPLE, _("Meer goede antwoorden")),
        (TRUE_FALSE, _("Waar of niet waar")),
    ]


class CompetencyChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("courses.Competency", **kwargs)

    def bulk_to_python(self, values):
        """The competencies from the cached framework: no query per block type on every module page."""
        framework = competencies_by_id()
        to_python = self.model_class._meta.pk.to_python
        return [copy.copy(framework.get(to_python(value))) if value is not None else None for value in values]


class CompetenciesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("default", [])
        super().__init__(CompetencyChooserBlock(), label=_("competenties"), **kwargs)


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("kop"), default="Wat doet een vertrouwenspersoon niet?")
    text = blocks.RichTextBlock(label=_("tekst"), features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        label = _("kader")
        icon = "warning"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("antwoord"))
    correct = blocks.BooleanBlock(label=_("goed antwoord"), required=False)
    feedback = blocks.TextBlock(label=_("toelichting bij dit antwoord"), required=False)


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("vraag"))
    kind = blocks.ChoiceBlock(choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE, label=_("soort vraag"))
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("antwoorden"))
    explanation = blocks.TextBlock(
        label=_("uitleg na het antwoord"), required=False,
        help_text=_("Wordt getoond nadat de deelnemer heeft geantwoord, goed of fout."),
    )
    competencies = CompetenciesBlock(required=False)

    class Meta:
        label = _("vraag")
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        kind = value["kind"]
        message = None
        if kind == QuestionKind.TRUE_FALSE and (len(value["options"]) != 2 or correct != 1):
            message = _("Een waar/niet-waar-vraag heeft precies twee antwoorden, waarvan één goed.")
        elif kind == QuestionKind.SINGLE and correct != 1:
            message = _("Markeer precies één antwoord als goed.")
        elif kind == QuestionKind.MULTIPLE and correct < 1:
            message = _("Markeer minstens één antwoord als goed.")
        if message:
            raise StructBlockValidationError(non_block_errors=[ValidationError(message)])
        return value


class CaseChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("keuze"))
    consequence = blocks.TextBlock(label=_("gevolg en uitleg"))
    recommended = blocks.BooleanBlock(label=_("aanbevolen keuze"), required=False)


class CaseScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"))
    situation = blocks.RichTextBlock(label=_("situatie"), features=["bold", "italic", "ol", "ul"])
    question = blocks.CharBlock(label=_("vraag"), default="Wat doet u?")
    choices = blocks.ListBlock(CaseChoiceBlock(), min_num=2, label=_("keuzes"))
    competencies = CompetenciesBlock(required=False)

    class Meta:
        label = _("casus")
        icon = "group"


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("reflectievraag"))
    guidance = blocks.TextBlock(label=_("hulp bij het nadenken"), required=False)

    class Meta:
        label = _("reflectie")
        icon = "edit"


class H5PActivityBlock(blocks.StructBlock):
    activity = SnippetChooserBlock("courses.H5PActivity", label=_("H5P-activiteit"))
    competencies = CompetenciesBlock(required=False)

    class Meta:
        label = _("H5P-activiteit")
        icon = "code"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("afbeelding"))
    caption = blocks.CharBlock(label=_("onderschrift"), required=False)

    class Meta:
        label = _("afbeelding")
        icon = "image"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video-adres"), help_text=_("Bijvoorbeeld een adres van YouTube of Vimeo."))
    transcript = blocks.TextBlock(label=_("uitgeschreven tekst"), required=False, help_text=_("Voor wie de video niet kan zien of horen."))

    class Meta:
        label = _("video")
        icon = "media"


class ModuleBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("tekst"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    question = QuestionBlock()
    case = CaseScenarioBlock()
    reflection = ReflectionBlock()
    h5p = H5PActivityBlock()


# Block types whose answers are scored and count towards a module's score.
SCORED_BLOCKS = ("question", "h5p")
