"""The competency framework: the LVV's tasks and activities of a VP and the attitudes the Inspectorate checks."""

from django.db import migrations

COMPETENCIES = [
    # kind, name, description
    ("task", "Opvang en begeleiding", "Melders opvangen, ondersteunen en begeleiden bij ongewenste omgangsvormen of integriteitskwesties."),
    ("task", "Voorlichting", "Medewerkers en leidinggevenden informeren over ongewenste omgangsvormen en over de rol van de vertrouwenspersoon."),
    ("task", "Gevraagd en ongevraagd adviseren", "De organisatie adviseren over beleid en preventie, op verzoek en uit eigen beweging."),
    ("activity", "Melder opvangen", "Een eerste gesprek voeren: luisteren, de vraag verhelderen en veiligheid bieden."),
    ("activity", "Vervolgstappen", "Samen met de melder de mogelijke stappen verkennen, zonder de regie over te nemen."),
    ("activity", "Nazorg", "Na afloop contact houden en nagaan hoe het de melder vergaat."),
    ("activity", "Doorverwijzen", "Verwijzen naar de juiste hulp of instantie wanneer de vraag buiten de eigen rol valt."),
    ("activity", "Signaleren", "Patronen en risico's in de organisatie opmerken en onder de aandacht brengen."),
    ("activity", "Adviseren", "Leidinggevenden en bestuur adviseren op basis van wat de vertrouwenspersoon ziet."),
    ("activity", "Voorlichting geven", "Voorlichting en trainingen geven over gewenst gedrag en de meldroute."),
    ("activity", "Registreren", "Geanonimiseerd vastleggen wat er speelt, zonder tot personen herleidbare gegevens."),
    ("activity", "Jaarverslag", "Een geanonimiseerd jaarverslag schrijven met trends en aanbevelingen."),
    ("attitude", "Vakbekwaamheid", "Kennis en vaardigheden bijhouden en kunnen laten zien."),
    ("attitude", "Onafhankelijkheid", "Vrij van belangen en druk handelen, zonder benadeling vanwege de rol."),
    ("attitude", "Benaderbaarheid", "Eenvoudig te bereiken en laagdrempelig voor iedere medewerker."),
    ("attitude", "Vertrouwelijkheid", "Geheimhouden wat de melder vertelt; alleen met toestemming delen."),
    ("attitude", "Rolvastheid", "Binnen de eigen rol blijven: geen mediator, onderzoeker of beslisser."),
]


def seed(apps, schema_editor):
    Competency = apps.get_model("courses", "Competency")
    for order, (kind, name, description) in enumerate(COMPETENCIES):
        Competency.objects.update_or_create(name=name, defaults={"kind": kind, "description": description, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("courses", "Competency").objects.filter(name__in=[name for _, name, _ in COMPETENCIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
