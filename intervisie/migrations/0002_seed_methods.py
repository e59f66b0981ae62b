"""The methods that come with the platform. Phases: (name, minutes, roles, instruction for the room)."""

from django.db import migrations

I, G, T, D = "inbrenger", "gespreksleider", "tijdbewaker", "deelnemer"

METHODS = [
    (
        "Incidentmethode",
        "Een korte, concrete situatie waarin de inbrenger moest handelen. De deelnemers leven zich in, bedenken "
        "hun eigen aanpak en vergelijken die met wat er werkelijk gebeurde.",
        [
            ("Incident vertellen", 5, [I],
             "De inbrenger vertelt kort en geanonimiseerd een incident: een situatie waarin hij of zij moest handelen. "
             "Stop bij het moment van de beslissing; vertel nog niet wat u deed."),
            ("Informatieve vragen", 10, [D, I],
             "De deelnemers stellen alleen feitelijke vragen om de situatie goed voor ogen te krijgen: wie, wat, "
             "wanneer, welke afspraken. Nog geen adviezen of meningen."),
            ("Kernvraag formuleren", 5, [G, I],
             "De gespreksleider vat de situatie samen. De inbrenger formuleert de kernvraag: wat moest er op dat "
             "moment besloten worden?"),
            ("Eigen aanpak", 15, [D],
             "Ieder schrijft eerst voor zich op wat hij of zij zou doen en waarom. Daarna vertelt ieder om de beurt "
             "zijn aanpak. De inbrenger luistert en reageert nog niet."),
            ("Wat er gebeurde", 10, [I],
             "De inbrenger vertelt wat hij of zij werkelijk deed, wat daarvan het gevolg was en wat de aanpakken van "
             "de anderen bij hem of haar oproepen."),
            ("Bespreking", 10, [G, D, I],
             "De groep bespreekt de verschillen tussen de aanpakken. Welke uitgangspunten, rolopvattingen en "
             "grenzen van de rol van vertrouwenspersoon spelen mee?"),
            ("Evaluatie", 10, [G, D, I],
             "Wat neemt ieder mee voor de eigen praktijk? Hoe verliep het proces? De tijdbewaker noemt de "
             "afspraken voor de volgende keer."),
        ],
    ),
    (
        "Kollegiale consultatie (Tietze)",
        "Kollegiale Beratung volgens Kim-Oliver Tietze: een vaste rolverdeling en zes korte fasen die de "
        "inbrenger helpen met een concrete sleutelvraag.",
        [
            ("Rollen verdelen", 5, [G],
             "Verdeel de rollen: inbrenger, moderator (gespreksleider), adviseurs (deelnemers) en eventueel een "
             "secretaris die de adviezen noteert. Spreek de tijd per fase af."),
            ("Casus vertellen", 10, [I, D],
             "De inbrenger schetst de casus geanonimiseerd. De adviseurs stellen alleen verhelderende vragen."),
            ("Sleutelvraag", 5, [I, G],
             "De inbrenger formuleert één sleutelvraag: waar wil ik concreet advies over? De moderator helpt de "
             "vraag scherp te krijgen."),
            ("Methode kiezen", 5, [G, I],
             "De moderator stelt een adviesvorm voor die bij de vraag past, bijvoorbeeld brainstorm, "
             "succesverhalen of de 'kopstaande' vraag. De inbrenger kiest."),
            ("Adviesronde", 10, [D],
             "De adviseurs geven ideeën en adviezen volgens de gekozen vorm. De inbrenger luistert, schrijft mee "
             "en reageert niet."),
            ("Afronding", 10, [I, G],
             "De inbrenger vertelt welke adviezen bruikbaar zijn en wat de eerste stap wordt. De moderator sluit af "
             "en bedankt de adviseurs."),
        ],
    ),
    (
        "Balintmethode",
        "De groep verkent de gevoelens en beelden die een casus oproept, om de relatie tussen de inbrenger en "
        "de melder beter te begrijpen.",
        [
            ("Casus vertellen", 10, [I],
             "De inbrenger vertelt de casus geanonimiseerd en vrij, zoals hij of zij hem beleefde, zonder "
             "aantekeningen."),
            ("Verhelderende vragen", 10, [D],
             "De deelnemers stellen korte, feitelijke vragen. Nog geen interpretaties."),
            ("Vrije associatie", 20, [D, G],
             "De inbrenger schuift achteruit en luistert zonder te reageren. De deelnemers vertellen welke "
             "gevoelens, beelden en fantasieën de casus bij hen oproept en wat er tussen melder en vertrouwenspersoon "
             "zou kunnen spelen."),
            ("Reactie inbrenger", 10, [I],
             "De inbrenger vertelt wat hem of haar heeft geraakt en wat nieuw was. Niemand hoeft zich te "
             "verdedigen."),
            ("Afronding", 5, [G, D, I],
             "Korte ronde: wat neemt ieder mee? De gespreksleider sluit af."),
        ],
    ),
    (
        "Roddelmethode",
        "De inbrenger hoort, met de rug naar de groep, hoe de anderen over de casus praten. Dat geeft afstand "
        "en nieuwe invalshoeken.",
        [
            ("Casus vertellen", 10, [I],
             "De inbrenger vertelt de casus geanonimiseerd en noemt waar hij of zij mee zit."),
            ("Verhelderende vragen", 10, [D],
             "De deelnemers stellen vragen om de casus te begrijpen, zonder advies te geven."),
            ("Roddelfase", 15, [D],
             "De inbrenger zet camera en microfoon uit of draait zich om en luistert alleen. De deelnemers praten "
             "over de inbrenger en de casus in de derde persoon: wat zien zij, wat zou hij of zij kunnen doen?"),
            ("Reactie inbrenger", 10, [I],
             "De inbrenger komt terug en vertelt wat hij of zij heeft gehoord, wat herkenbaar was en wat bruikbaar "
             "is."),
            ("Nabespreking", 10, [G, D, I],
             "De groep bespreekt hoe de roddelfase voelde en wat ieder leert voor het eigen werk als "
             "vertrouwenspersoon."),
        ],
    ),
]


def seed(apps, schema_editor):
    Method = apps.get_model("intervisie", "Method")
    MethodPhase = apps.get_model("intervisie", "MethodPhase")
    for name, description, phases in METHODS:
        method, created = Method.objects.get_or_create(name=name, created_by=None, defaults={"description": description})
        if created:
            for order, (phase_name, minutes, roles, instruction) in enumerate(phases, start=1):
                MethodPhase.objects.create(method=method, order=order, name=phase_name, minutes=minutes,
                                           roles=roles, instruction=instruction)


def unseed(apps, schema_editor):
    apps.get_model("intervisie", "Method").objects.filter(created_by=None, name__in=[m[0] for m in METHODS]).delete()


class Migration(migrations.Migration):
    dependencies = [("intervisie", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
