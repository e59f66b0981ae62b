"""Demo content: one published course on role clarity for VPs, written for this platform. Idempotent.

It uses native question blocks and case scenarios only: the shared H5P packages are test fixtures, not content.
"""

from django.db import transaction

from lms.accounts.models import User

from . import progress
from .models import Competency, CoursePage, ModulePage
from .setup import catalogue

SLUG = "rolzuiverheid-als-vertrouwenspersoon"


def _option(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def _question(block_id, question, options, kind="single", explanation="", competencies=()):
    return {"type": "question", "id": block_id, "value": {
        "question": question, "kind": kind, "options": options, "explanation": explanation,
        "competencies": [c.pk for c in competencies],
    }}


def _case(block_id, title, situation, choices, question="Wat doet u?", competencies=()):
    return {"type": "case", "id": block_id, "value": {
        "title": title, "situation": situation, "question": question,
        "choices": [{"text": t, "consequence": c, "recommended": r} for t, c, r in choices],
        "competencies": [c.pk for c in competencies],
    }}


def _text(block_id, html):
    return {"type": "text", "id": block_id, "value": html}


def _callout(block_id, html, title="Wat doet een vertrouwenspersoon niet?"):
    return {"type": "callout", "id": block_id, "value": {"title": title, "text": html}}


def _reflection(block_id, prompt, guidance=""):
    return {"type": "reflection", "id": block_id, "value": {"prompt": prompt, "guidance": guidance}}


def modules(c):
    """The three modules, with `c` the competencies by name."""
    return [
        {
            "title": "Uw rol: curatief en preventief",
            "slug": "uw-rol",
            "introduction": "Wat hoort bij het werk van een vertrouwenspersoon, en wat juist niet? "
                            "Wie zijn rol helder heeft, kan een melder beter helpen en blijft zelf overeind.",
            "competencies": [c["Opvang en begeleiding"], c["Voorlichting"], c["Rolvastheid"]],
            "body": [
                _text("rol-tekst-1",
                      "<h2>Twee kanten van hetzelfde werk</h2>"
                      "<p>Als vertrouwenspersoon ongewenste omgangsvormen heeft u een <b>curatieve</b> en een "
                      "<b>preventieve</b> taak. Curatief: u vangt medewerkers op die te maken krijgen met intimidatie, "
                      "pesten, agressie, geweld of discriminatie. U luistert, helpt de melder zijn vraag helder te krijgen, "
                      "verkent samen de mogelijke vervolgstappen, verwijst zo nodig door en houdt na afloop contact.</p>"
                      "<p>Preventief: u geeft voorlichting over gewenst gedrag en over de weg die een medewerker kan "
                      "volgen, u signaleert patronen en u adviseert de organisatie, gevraagd en ongevraagd. Dat doet u "
                      "altijd zonder te vertellen wie er bij u is geweest.</p>"),
                _callout("rol-niet",
                         "<ul><li>U bent <b>geen mediator</b>: u staat naast de melder en bent dus niet neutraal "
                         "tussen melder en beklaagde.</li>"
                         "<li>U bent <b>geen onderzoeker</b>: u stelt niet vast wat er is gebeurd en hoort de beklaagde "
                         "niet. Dat is het werk van een klachtencommissie of een extern onderzoeker.</li>"
                         "<li>U bent <b>geen hulpverlener of behandelaar</b>: bij psychische of medische klachten verwijst "
                         "u door, bijvoorbeeld naar de huisarts of de bedrijfsarts.</li>"
                         "<li>U <b>neemt geen besluiten</b> over maatregelen of sancties: dat doet de werkgever.</li></ul>"),
                _question("rol-v1", "Een vertrouwenspersoon mag bemiddelen tussen de melder en degene over wie de melding gaat.", [
                    _option("Waar", feedback="Bemiddelen vraagt een neutrale positie. De vertrouwenspersoon staat naast de melder en is dus niet neutraal."),
                    _option("Niet waar", True, "Juist. Wil de melder bemiddeling, dan kunt u doorverwijzen naar een mediator."),
                ], kind="true_false", competencies=[c["Rolvastheid"]],
                    explanation="Bemiddeling is het werk van een onafhankelijke mediator. U kunt de melder helpen die stap te overwegen en voor te bereiden."),
                _question("rol-v2", "Welke van deze taken horen bij de curatieve kant van uw werk?", [
                    _option("Een melder opvangen en de vraag verhelderen", True, "Ja: dit is de kern van de opvang."),
                    _option("Samen met de melder vervolgstappen verkennen", True, "Ja: de melder kiest, u helpt de mogelijkheden te overzien."),
                    _option("Een voorlichting geven op een teamoverleg", False, "Dat is preventief werk: belangrijk, maar een andere taak."),
                    _option("Nazorg bieden na een melding", True, "Ja: na afloop nagaan hoe het met de melder gaat hoort erbij."),
                ], kind="multiple", competencies=[c["Melder opvangen"], c["Vervolgstappen"], c["Nazorg"]],
                    explanation="Curatief werk draait om de individuele melder: opvang, vervolgstappen, doorverwijzen en nazorg."),
                _question("rol-v3", "Een melder vraagt u uit te zoeken of haar leidinggevende ook anderen intimideert. Wat past bij uw rol?", [
                    _option("U spreekt collega's van de afdeling aan om het na te gaan.", False,
                            "Dan wordt u onderzoeker en maakt u de melding bekend op de afdeling, zonder dat de melder daarover besliste."),
                    _option("U legt uit dat u geen onderzoek doet, en bespreekt welke wegen er zijn, zoals een klacht bij de klachtencommissie.", True,
                            "Juist: u bent helder over uw rol en helpt de melder zelf een keuze te maken."),
                    _option("U meldt het direct bij de directeur, zodat die kan ingrijpen.", False,
                            "Zonder toestemming van de melder deelt u niets. Bovendien neemt u dan de regie over."),
                ], competencies=[c["Rolvastheid"], c["Doorverwijzen"]]),
                _case("rol-casus", "De teamleider wil weten wie er bij u was",
                      "<p>Een teamleider spreekt u aan bij de koffieautomaat. Hij heeft gehoord dat ‘iemand van zijn team’ "
                      "bij u is geweest en wil weten wie, ‘zodat ik het meteen kan oplossen’. Hij bedoelt het goed.</p>",
                      [
                          ("U zegt vriendelijk dat u niet bevestigt en niet ontkent wie er bij u komt, en nodigt hem uit "
                           "zelf met u te praten als hij zich zorgen maakt over de sfeer in zijn team.",
                           "U beschermt de vertrouwelijkheid zonder de teamleider af te wijzen. Misschien kunt u hem later, "
                           "zonder namen, adviseren over de sfeer in zijn team.", True),
                          ("U noemt de naam, omdat hij het probleem wil oplossen.",
                           "U schendt de geheimhouding. De melder verliest het vertrouwen in u, en andere medewerkers "
                           "durven niet meer te komen.", False),
                          ("U zegt dat er niemand uit zijn team bij u is geweest.",
                           "Ook ontkennen geeft informatie prijs, en het is niet waar. Zeg liever dat u hier nooit iets "
                           "over zegt, wie het ook vraagt.", False),
                      ], competencies=[c["Vertrouwelijkheid"], c["Rolvastheid"]]),
                _reflection("rol-reflectie", "Bij welke vraag van een melder voelt u de neiging om zelf iets op te lossen?",
                            "Denk aan een gesprek dat u heeft gevoerd of voor u ziet. Wat zou u helpen om in uw rol te blijven?"),
            ],
        },
        {
            "title": "Onafhankelijk en vertrouwelijk",
            "slug": "onafhankelijk-en-vertrouwelijk",
            "introduction": "U werkt vaak binnen de organisatie die u ook adviseert. Hoe houdt u uw positie "
                            "onafhankelijk, en wat betekent geheimhouding in de praktijk?",
            "competencies": [c["Onafhankelijkheid"], c["Vertrouwelijkheid"], c["Benaderbaarheid"]],
            "body": [
                _text("ov-tekst-1",
                      "<h2>Wat de Arbeidsinspectie nagaat</h2>"
                      "<p>De Arbowet verplicht werkgevers om beleid te voeren tegen psychosociale arbeidsbelasting, "
                      "waaronder ongewenste omgangsvormen. Veel organisaties stellen daarvoor een vertrouwenspersoon aan. "
                      "Bij een inspectie kijkt de Nederlandse Arbeidsinspectie of die vertrouwenspersoon "
                      "<b>vakbekwaam</b>, <b>onafhankelijk</b> en <b>eenvoudig te benaderen</b> is.</p>"
                      "<h2>Intern of extern</h2>"
                      "<p>Een interne vertrouwenspersoon kent de organisatie en is dichtbij, maar kan in een "
                      "loyaliteitsconflict komen: met een leidinggevende, met collega's of met de eigen positie. "
                      "Een externe vertrouwenspersoon staat verder weg en is minder afhankelijk. Goede afspraken helpen "
                      "beide: u mag niet worden benadeeld vanwege uw werk als vertrouwenspersoon, u legt "
                      "verantwoording af zonder namen, en u heeft tijd en ruimte voor dit werk.</p>"
                      "<h2>Geheimhouding</h2>"
                      "<p>Wat een melder u vertelt, deelt u alleen met zijn of haar toestemming. Uw registratie en uw "
                      "jaarverslag zijn geanonimiseerd: niemand mag uit uw cijfers kunnen afleiden wie er bij u was. "
                      "Alleen bij acuut gevaar voor de melder of anderen kan het nodig zijn die grens te heroverwegen; "
                      "bespreek zo'n situatie met een collega-vertrouwenspersoon of in intervisie, zonder namen.</p>"),
                _question("ov-v1", "Wat gaat de Arbeidsinspectie na over de vertrouwenspersoon?", [
                    _option("Of de vertrouwenspersoon vakbekwaam, onafhankelijk en eenvoudig te benaderen is", True,
                            "Juist: deze drie punten komen terug bij een inspectie."),
                    _option("Of de vertrouwenspersoon een psychologiediploma heeft", False,
                            "Een bepaald diploma wordt niet gevraagd. Vakbekwaamheid laat u zien met scholing en ervaring."),
                    _option("Hoeveel meldingen de vertrouwenspersoon per jaar afhandelt", False,
                            "Het aantal meldingen zegt weinig over de kwaliteit en de positie van de vertrouwenspersoon."),
                ], competencies=[c["Vakbekwaamheid"], c["Onafhankelijkheid"], c["Benaderbaarheid"]]),
                _question("ov-v2", "In uw jaarverslag noemt u per afdeling het aantal meldingen, ook als een afdeling drie medewerkers heeft.", [
                    _option("Dat is prima: het zijn alleen cijfers.", False,
                            "Bij een kleine afdeling zijn cijfers snel herleidbaar tot personen."),
                    _option("Dat is niet verstandig: bij kleine aantallen is herleidbaar wie er bij u was.", True,
                            "Juist. Voeg kleine eenheden samen of beschrijf trends zonder de afdeling te noemen."),
                ], kind="true_false", competencies=[c["Jaarverslag"], c["Registreren"], c["Vertrouwelijkheid"]]),
                _question("ov-v3", "Welke afspraken versterken de onafhankelijkheid van een interne vertrouwenspersoon?", [
                    _option("Bescherming tegen benadeling vanwege het werk als vertrouwenspersoon", True),
                    _option("Verantwoording aan de eigen leidinggevende over wie er langs kwam", False,
                            "Verantwoording gaat over uw werk en over trends, nooit over namen."),
                    _option("Vrije toegang tot directie of bestuur voor ongevraagd advies", True),
                    _option("Voldoende tijd en budget voor scholing en intervisie", True),
                ], kind="multiple", competencies=[c["Onafhankelijkheid"]],
                    explanation="Onafhankelijkheid vraagt om een positie die de organisatie vastlegt, en om ruimte om die te gebruiken."),
                _case("ov-casus", "Uw eigen leidinggevende is de beklaagde",
                      "<p>U bent interne vertrouwenspersoon en werkt daarnaast als beleidsmedewerker. Een collega van een "
                      "andere afdeling komt bij u met een melding over grensoverschrijdende opmerkingen. Halverwege het "
                      "gesprek blijkt dat het om uw eigen leidinggevende gaat.</p>",
                      [
                          ("U benoemt dat u een belang heeft, en biedt de melder aan om over te stappen naar een andere "
                           "of externe vertrouwenspersoon. De melder kiest.",
                           "U bent open over het loyaliteitsconflict en laat de regie bij de melder. Zo blijft het "
                           "vertrouwen in de functie overeind.", True),
                          ("U gaat gewoon door: u bent professioneel genoeg.",
                           "Ook als u het goed bedoelt, kan de melder later twijfelen aan uw onafhankelijkheid, en u kunt "
                           "zelf klem komen te zitten.", False),
                          ("U beëindigt het gesprek en zegt dat u deze melding niet kunt aannemen.",
                           "De melder voelt zich afgewezen, juist nu er moed voor nodig was. Verwijs warm door in plaats "
                           "van het gesprek af te breken.", False),
                      ], competencies=[c["Onafhankelijkheid"], c["Doorverwijzen"]]),
            ],
        },
        {
            "title": "Opvang en doorverwijzing van een melder",
            "slug": "opvang-en-doorverwijzing",
            "introduction": "Het eerste gesprek bepaalt vaak of een melder verder durft. Hoe vangt u iemand op, en "
                            "wanneer verwijst u door?",
            "competencies": [c["Melder opvangen"], c["Vervolgstappen"], c["Doorverwijzen"], c["Nazorg"]],
            "body": [
                _text("op-tekst-1",
                      "<h2>Het eerste gesprek</h2>"
                      "<p>Neem de tijd en zorg voor een plek waar niemand meekijkt. Leg aan het begin uit wat u wel en "
                      "niet doet en wat u met het verhaal doet: niets zonder toestemming. Luister, vat samen en vraag "
                      "door naar wat de melder wil bereiken. Vaak is dat in het eerste gesprek nog niet duidelijk, en "
                      "dat hoeft ook niet.</p>"
                      "<h2>De regie blijft bij de melder</h2>"
                      "<p>U verkent samen de mogelijkheden: zelf het gesprek aangaan (eventueel voorbereid met u), een "
                      "leidinggevende inschakelen, bemiddeling, een formele klacht bij de klachtencommissie, of (nog) "
                      "niets doen. De melder kiest; u helpt de gevolgen van elke stap te overzien.</p>"
                      "<h2>Doorverwijzen</h2>"
                      "<p>Heeft de melder klachten die om hulp vragen, verwijs dan door naar de huisarts, de bedrijfsarts "
                      "of maatschappelijk werk. Gaat het om een strafbaar feit, zoals aanranding of bedreiging, dan kan "
                      "aangifte bij de politie een stap zijn. Doorverwijzen is geen afschuiven: u blijft beschikbaar en "
                      "neemt na een tijd zelf contact op.</p>"),
                _question("op-v1", "Wat doet u als eerste in een gesprek met een nieuwe melder?", [
                    _option("U vraagt meteen naar namen en data, zodat u een dossier kunt opbouwen.", False,
                            "Feiten komen later. Eerst moet de melder zich veilig voelen en weten wat u met het verhaal doet."),
                    _option("U legt uit wat uw rol is en dat u niets doet zonder toestemming, en u luistert.", True,
                            "Juist: duidelijkheid over uw rol en geheimhouding maakt het gesprek veilig."),
                    _option("U geeft advies over wat de melder het beste kan doen.", False,
                            "Te vroeg advies neemt de regie over. Verken eerst wat de melder wil."),
                ], competencies=[c["Melder opvangen"]]),
                _question("op-v2", "Een melder vertelt dat hij slecht slaapt en niet meer naar zijn werk durft. Welke stappen passen?", [
                    _option("U raadt aan contact op te nemen met de huisarts of de bedrijfsarts.", True,
                            "Ja: lichamelijke en psychische klachten horen bij een hulpverlener of arts."),
                    _option("U biedt aan een paar therapeutische gesprekken met hem te voeren.", False,
                            "Dan gaat u buiten uw rol: u bent geen behandelaar."),
                    _option("U spreekt af wanneer u weer contact opneemt.", True, "Ja: nazorg hoort bij doorverwijzen."),
                ], kind="multiple", competencies=[c["Doorverwijzen"], c["Nazorg"]]),
                _question("op-v3", "De melder besluit na het gesprek (nog) niets te doen. Dan is uw rol voorbij.", [
                    _option("Waar", feedback="Ook zonder vervolgstap kunt u nazorg bieden en later nog eens contact opnemen."),
                    _option("Niet waar", True, "Juist. Spreek af of en wanneer u contact opneemt; de deur blijft open."),
                ], kind="true_false", competencies=[c["Nazorg"], c["Vervolgstappen"]]),
                _case("op-casus", "Een melding over bedreiging",
                      "<p>Een medewerker van de buitendienst vertelt dat een collega hem na een ruzie heeft bedreigd: "
                      "‘Ik weet waar je woont.’ Hij is bang, maar wil geen ‘gedoe’ en vraagt u het voor u te houden.</p>",
                      [
                          ("U neemt zijn angst serieus, bespreekt wat hij nodig heeft om veilig te zijn, en legt de "
                           "mogelijkheden uit, waaronder aangifte en het inschakelen van de leidinggevende. Hij beslist, "
                           "en u spreekt een nieuw contactmoment af.",
                           "De melder houdt de regie en weet welke wegen er zijn. U blijft alert: bij acuut gevaar "
                           "bespreekt u met hem dat er meer nodig is.", True),
                          ("U belt meteen de leidinggevende, want bedreiging gaat voor geheimhouding.",
                           "Zonder overleg met de melder verliest u zijn vertrouwen. Bespreek eerst met hem wat er nodig "
                           "is; alleen bij acuut gevaar kan een andere afweging nodig zijn.", False),
                          ("U spreekt de collega zelf aan op zijn gedrag.",
                           "U bent geen onderzoeker of leidinggevende. Bovendien kan het de situatie voor de melder "
                           "gevaarlijker maken.", False),
                      ], competencies=[c["Melder opvangen"], c["Vervolgstappen"], c["Doorverwijzen"]]),
                _reflection("op-reflectie", "Welke sociale kaart heeft u paraat als u moet doorverwijzen?",
                            "Schrijf op naar wie u in uw organisatie en daarbuiten kunt verwijzen, en wat u nog moet uitzoeken."),
            ],
        },
    ]


COURSE = {
    "title": "Rolzuiverheid als vertrouwenspersoon",
    "summary": "Wat doet een vertrouwenspersoon wel, en wat juist niet? In drie modules oefent u met uw rol, "
               "uw onafhankelijkheid en de opvang van een melder, aan de hand van vragen en praktijksituaties.",
    "audience": "Vertrouwenspersonen ongewenste omgangsvormen, intern en extern, beginnend of ervaren.",
    "learning_goals": "<ul><li>U kunt uw curatieve en preventieve taken benoemen en afbakenen.</li>"
                      "<li>U herkent wanneer een vraag buiten uw rol valt (mediator, onderzoeker, hulpverlener).</li>"
                      "<li>U weet hoe u uw onafhankelijkheid en de geheimhouding bewaakt.</li>"
                      "<li>U kunt een eerste gesprek met een melder voeren en gericht doorverwijzen.</li></ul>",
    "estimated_hours": 3,
    "pe_hours": 3,
    "pass_percentage": 70,
    "certificate_valid_years": 4,
}


@transaction.atomic
def seed(stdout):
    if CoursePage.objects.filter(slug=SLUG).exists():
        return
    parent = catalogue()
    if parent is None:
        stdout.write("  cursus overgeslagen: er is geen startpagina")
        return
    by_name = {competency.name: competency for competency in Competency.objects.all()}
    author = User.objects.filter(email="trainer@vp-academie.test").first()
    course = CoursePage(slug=SLUG, **COURSE)
    parent.add_child(instance=course)
    course.save_revision(user=author).publish(user=None)
    for data in modules(by_name):
        module = ModulePage(title=data["title"], slug=data["slug"], introduction=data["introduction"], body=data["body"])
        module.competencies = data["competencies"]
        course.add_child(instance=module)
        module.save_revision(user=author).publish(user=None)
    stdout.write(f"  cursus {course.title}")
    learner = User.objects.filter(email="marieke@vp-academie.test").first()
    if learner is not None:
        progress.enrol(learner, course)
