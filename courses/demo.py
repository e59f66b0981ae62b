"""Demo content: one published course on the role of the VP, written for this platform. Idempotent.

It uses native question blocks and case scenarios only: the shared H5P packages are test fixtures, not content.
"""

from django.db import transaction

from lms.accounts.models import User

from . import progress
from .models import Competency, CoursePage, ModulePage
from .setup import catalogue

SLUG = "de-rol-van-de-vertrouwenspersoon"
# Earlier versions of this demo seeded a three-module course under this slug; seed() replaces it.
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
    """The five modules, with `c` the competencies by name."""
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
                      "volgen, u signaleert patronen en u adviseert de organisatie, gevraagd en ongevraagd. U registreert "
                      "anoniem wat er speelt en schrijft een jaarverslag. Dat doet u altijd zonder te vertellen wie er "
                      "bij u is geweest.</p>"),
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
                _case("rol-casus", "‘Wilt u het gesprek leiden?’",
                      "<p>Een medewerker voelt zich al maanden gekleineerd door een collega. Ze wil het er met hem over "
                      "hebben en vraagt u dat gesprek te leiden: ‘U bent toch neutraal? Dan luistert hij wel.’</p>",
                      [
                          ("U legt uit dat u niet neutraal bent, omdat u naast haar staat. U biedt aan het gesprek samen "
                           "voor te bereiden of erbij te zijn als haar steun, en noemt bemiddeling door een mediator als "
                           "beide partijen een neutrale gespreksleider willen.",
                           "U blijft in uw rol en laat de melder niet alleen. Zij kiest hoe ze verder wil, en weet wat "
                           "ze wel en niet van u kan verwachten.", True),
                          ("U leidt het gesprek en probeert beide partijen tot afspraken te brengen.",
                           "U wordt bemiddelaar. De collega ziet u als partij van de melder, en de melder kan zich in de "
                           "steek gelaten voelen zodra u zich neutraal opstelt.", False),
                          ("U zegt dat gesprekken tussen collega's niet bij uw werk horen.",
                           "Te streng: het gesprek voorbereiden of de melder bijstaan past juist wel bij uw rol. De melder "
                           "voelt zich afgewezen.", False),
                      ], competencies=[c["Rolvastheid"], c["Vervolgstappen"]]),
                _reflection("rol-reflectie", "Bij welke vraag van een melder voelt u de neiging om zelf iets op te lossen?",
                            "Denk aan een gesprek dat u heeft gevoerd of voor u ziet. Wat zou u helpen om in uw rol te blijven?"),
            ],
        },
        {
            "title": "Het wettelijk kader",
            "slug": "wettelijk-kader",
            "introduction": "Waarom heeft uw organisatie een vertrouwenspersoon, en wat verwacht de Nederlandse "
                            "Arbeidsinspectie van u? Een korte tocht langs de Arbowet en het beleid tegen "
                            "psychosociale arbeidsbelasting.",
            "competencies": [c["Gevraagd en ongevraagd adviseren"], c["Vakbekwaamheid"], c["Benaderbaarheid"]],
            "body": [
                _text("wk-tekst-1",
                      "<h2>De Arbowet en psychosociale arbeidsbelasting</h2>"
                      "<p>De Arbowet verplicht werkgevers om beleid te voeren tegen <b>psychosociale arbeidsbelasting</b> "
                      "(PSA). Daaronder vallen ongewenste omgangsvormen zoals seksuele intimidatie, agressie en geweld, "
                      "pesten en discriminatie, en ook werkdruk. Zo'n PSA-beleid begint met het in kaart brengen van de "
                      "risico's in de risico-inventarisatie en -evaluatie (RI&amp;E), gevolgd door maatregelen in een "
                      "plan van aanpak en voorlichting aan medewerkers.</p>"
                      "<h2>De vertrouwenspersoon als onderdeel van het beleid</h2>"
                      "<p>De wet schrijft niet letterlijk voor dat er een vertrouwenspersoon moet zijn. Wel stellen de "
                      "meeste werkgevers er een aan als onderdeel van hun PSA-beleid: een plek waar medewerkers veilig "
                      "terechtkunnen. Een vertrouwenspersoon is dus nooit het hele beleid, maar een belangrijk onderdeel "
                      "ervan.</p>"
                      "<h2>Wat de Arbeidsinspectie nagaat</h2>"
                      "<p>Bij een inspectie kijkt de Nederlandse Arbeidsinspectie of de vertrouwenspersoon "
                      "<b>vakbekwaam</b>, <b>onafhankelijk</b> en <b>eenvoudig te benaderen</b> is. Vakbekwaamheid is "
                      "geen vanzelfsprekendheid: uit onderzoek in opdracht van het ministerie van Sociale Zaken en "
                      "Werkgelegenheid bleek dat 73% van de interne en 38% van de externe vertrouwenspersonen geen "
                      "opleiding voor dit werk had gevolgd.</p>"),
                _question("wk-v1", "De Arbowet verplicht elke werkgever om een vertrouwenspersoon aan te stellen.", [
                    _option("Waar", feedback="Niet letterlijk: de Arbowet verplicht een beleid tegen psychosociale "
                                             "arbeidsbelasting. Een vertrouwenspersoon is daar vaak een onderdeel van."),
                    _option("Niet waar", True, "Juist. De plicht gaat over PSA-beleid; de meeste werkgevers stellen een "
                                               "vertrouwenspersoon aan als onderdeel daarvan."),
                ], kind="true_false", competencies=[c["Gevraagd en ongevraagd adviseren"]],
                    explanation="Let op bij voorlichting en advies: zeg niet dat een vertrouwenspersoon wettelijk verplicht "
                                "is, maar leg uit welke plaats de vertrouwenspersoon in het PSA-beleid heeft."),
                _question("wk-v2", "Wat hoort bij het beleid tegen psychosociale arbeidsbelasting dat de Arbowet van een werkgever vraagt?", [
                    _option("De risico's op ongewenste omgangsvormen in kaart brengen in de RI&E", True,
                            "Ja: de RI&E is het vertrekpunt van het beleid."),
                    _option("Maatregelen nemen om die risico's te voorkomen of te beperken", True,
                            "Ja: die maatregelen staan in het plan van aanpak."),
                    _option("Medewerkers voorlichten over de risico's en over waar ze terechtkunnen", True,
                            "Ja: voorlichting hoort erbij, en daar kunt u als vertrouwenspersoon aan bijdragen."),
                    _option("Elke melding laten onderzoeken door de vertrouwenspersoon", False,
                            "Nee: de vertrouwenspersoon doet geen onderzoek. Dat is het werk van een klachtencommissie of een extern onderzoeker."),
                ], kind="multiple", competencies=[c["Gevraagd en ongevraagd adviseren"], c["Rolvastheid"]],
                    explanation="PSA-beleid bestaat uit risico's inventariseren, maatregelen nemen en voorlichten. "
                                "De vertrouwenspersoon is een van die maatregelen."),
                _question("wk-v3", "Wat gaat de Arbeidsinspectie na over de vertrouwenspersoon?", [
                    _option("Of de vertrouwenspersoon vakbekwaam, onafhankelijk en eenvoudig te benaderen is", True,
                            "Juist: deze drie punten komen terug bij een inspectie."),
                    _option("Of de vertrouwenspersoon een psychologiediploma heeft", False,
                            "Een bepaald diploma wordt niet gevraagd. Vakbekwaamheid laat u zien met scholing en ervaring."),
                    _option("Hoeveel meldingen de vertrouwenspersoon per jaar afhandelt", False,
                            "Het aantal meldingen zegt weinig over de kwaliteit en de positie van de vertrouwenspersoon."),
                ], competencies=[c["Vakbekwaamheid"], c["Onafhankelijkheid"], c["Benaderbaarheid"]]),
                _case("wk-casus", "‘Dan zijn we toch klaar?’",
                      "<p>U bent net aangesteld als vertrouwenspersoon in een organisatie met zestig medewerkers. De "
                      "directeur zegt tevreden: ‘Mooi, nu hebben we een vertrouwenspersoon. Dan voldoen we aan de "
                      "Arbowet en zijn we klaar met dat PSA-verhaal.’</p>",
                      [
                          ("U legt uit dat de Arbowet een beleid vraagt, waar u een onderdeel van bent. U adviseert "
                           "ongevraagd om de risico's in de RI&E op te nemen, maatregelen in het plan van aanpak te "
                           "zetten en medewerkers voor te lichten, en u vraagt om tijd en scholing voor uw eigen taak.",
                           "U adviseert de organisatie zoals bij uw preventieve taak hoort. De directeur weet nu wat er "
                           "nog nodig is, en wat de Arbeidsinspectie van u als vertrouwenspersoon verwacht.", True),
                          ("U bevestigt het: met een vertrouwenspersoon is de organisatie in orde.",
                           "Dat klopt niet. Zonder RI&E, maatregelen en voorlichting schiet het PSA-beleid tekort, en "
                           "u wekt een verwachting die u niet kunt waarmaken.", False),
                          ("U zegt dat beleid niet uw zaak is: u bent er voor de melders.",
                           "Gevraagd en ongevraagd adviseren hoort juist bij uw werk. U laat een kans liggen om "
                           "ongewenst gedrag te helpen voorkomen.", False),
                      ], competencies=[c["Gevraagd en ongevraagd adviseren"], c["Adviseren"]]),
                _reflection("wk-reflectie", "Hoe laat u zien dat u vakbekwaam bent voor dit werk?",
                            "Denk aan uw scholing, uw intervisie en de ervaring die u opdoet. Wat wilt u het komende jaar nog leren?"),
            ],
        },
        {
            "title": "Onafhankelijkheid en loyaliteitsconflicten",
            "slug": "onafhankelijkheid",
            "introduction": "U werkt vaak binnen of voor de organisatie die u ook adviseert. Hoe houdt u uw positie "
                            "onafhankelijk, als interne en als externe vertrouwenspersoon?",
            "competencies": [c["Onafhankelijkheid"], c["Benaderbaarheid"], c["Rolvastheid"]],
            "body": [
                _text("on-tekst-1",
                      "<h2>Intern of extern</h2>"
                      "<p>Een <b>interne</b> vertrouwenspersoon kent de organisatie en is dichtbij, maar kan in een "
                      "loyaliteitsconflict komen: met een leidinggevende, met collega's of met de eigen positie. Denk aan "
                      "een melding over uw eigen leidinggevende, of over een collega met wie u dagelijks samenwerkt.</p>"
                      "<p>Een <b>externe</b> vertrouwenspersoon staat verder weg en is minder afhankelijk. Maar ook hij "
                      "of zij heeft een opdrachtgever die betaalt en de opdracht kan beëindigen. Wie een lastig advies "
                      "moet geven, merkt dat ook dat een belang is.</p>"
                      "<h2>Onafhankelijkheid vastleggen</h2>"
                      "<p>Goede afspraken helpen beide: u mag niet worden benadeeld vanwege uw werk als "
                      "vertrouwenspersoon, u legt verantwoording af zonder namen, u heeft rechtstreeks toegang tot "
                      "directie of bestuur, en u heeft tijd en ruimte voor dit werk, voor scholing en intervisie. En "
                      "speelt er toch een belang, dan benoemt u het en biedt u de melder een andere vertrouwenspersoon "
                      "aan.</p>"),
                _question("on-v1", "Een externe vertrouwenspersoon heeft nooit met loyaliteitsconflicten te maken.", [
                    _option("Waar", feedback="Ook een externe vertrouwenspersoon heeft een belang: de opdrachtgever betaalt "
                                             "en kan de opdracht beëindigen."),
                    _option("Niet waar", True, "Juist. Een externe vertrouwenspersoon staat verder weg, maar is niet vrij "
                                               "van belangen."),
                ], kind="true_false", competencies=[c["Onafhankelijkheid"]],
                    explanation="Intern en extern hebben elk hun eigen risico's. Onafhankelijkheid vraagt dat u uw belangen "
                                "kent en benoemt."),
                _question("on-v2", "Welke afspraken versterken de onafhankelijkheid van een interne vertrouwenspersoon?", [
                    _option("Bescherming tegen benadeling vanwege het werk als vertrouwenspersoon", True,
                            "Ja: zonder die bescherming is het lastig om een ongemakkelijk advies te geven."),
                    _option("Verantwoording aan de eigen leidinggevende over wie er langs kwam", False,
                            "Verantwoording gaat over uw werk en over trends, nooit over namen."),
                    _option("Vrije toegang tot directie of bestuur voor ongevraagd advies", True,
                            "Ja: zo hoeft een advies niet langs degene over wie het misschien gaat."),
                    _option("Voldoende tijd en budget voor scholing en intervisie", True,
                            "Ja: ruimte voor het werk hoort bij een onafhankelijke positie."),
                ], kind="multiple", competencies=[c["Onafhankelijkheid"]],
                    explanation="Onafhankelijkheid vraagt om een positie die de organisatie vastlegt, en om ruimte om die te gebruiken."),
                _question("on-v3", "Een collega met wie u dagelijks samenwerkt, wil een melding bij u doen over uw gezamenlijke teamleider. Wat doet u?", [
                    _option("U hoort de melding aan en houdt uw eigen mening over de teamleider erbuiten.", False,
                            "Goed bedoeld, maar u zit er zelf middenin. De melder kan later twijfelen aan uw onafhankelijkheid."),
                    _option("U benoemt dat u zelf betrokken bent, en biedt aan dat de melder naar een andere of externe vertrouwenspersoon gaat.", True,
                            "Juist: u bent open over het loyaliteitsconflict, en de melder kiest."),
                    _option("U raadt de collega aan het eerst zelf met de teamleider te bespreken.", False,
                            "Zo stuurt u de melder weg met een advies dat misschien niet veilig is, zonder de vraag te verkennen."),
                ], competencies=[c["Onafhankelijkheid"], c["Doorverwijzen"]]),
                _case("on-casus", "Uw eigen leidinggevende is de beklaagde",
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
                _reflection("on-reflectie", "Bij welke melding zou u zelf in een loyaliteitsconflict komen?",
                            "Denk aan uw leidinggevende, uw team en uw eigen positie. Met wie kunt u zo'n situatie bespreken?"),
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
        {
            "title": "Vertrouwelijkheid en privacy",
            "slug": "vertrouwelijkheid-en-privacy",
            "introduction": "Zonder vertrouwelijkheid komt niemand bij u. Wat betekent geheimhouding in de praktijk, "
                            "hoe registreert u zonder dat iemand herkenbaar wordt, en waar ligt de grens?",
            "competencies": [c["Vertrouwelijkheid"], c["Registreren"], c["Jaarverslag"]],
            "body": [
                _text("vp-tekst-1",
                      "<h2>Geheimhouding</h2>"
                      "<p>Wat een melder u vertelt, deelt u alleen met zijn of haar <b>toestemming</b>. Dat geldt voor "
                      "de inhoud van het gesprek, maar ook voor het feit dat iemand bij u is geweest. Vraagt iemand "
                      "ernaar, dan bevestigt u niets en ontkent u niets.</p>"
                      "<h2>Anoniem registreren</h2>"
                      "<p>U registreert wat er speelt, zodat u trends kunt zien en de organisatie kunt adviseren. Uw "
                      "registratie en uw jaarverslag zijn geanonimiseerd: niemand mag uit uw cijfers kunnen afleiden wie "
                      "er bij u was. Let vooral op kleine afdelingen en bijzondere situaties. Bewaar uw eigen "
                      "gespreksaantekeningen zo dat niemand anders erbij kan, en niet langer dan nodig.</p>"
                      "<h2>De grens: acuut gevaar</h2>"
                      "<p>Alleen bij acuut gevaar voor de melder of anderen kan het nodig zijn informatie te delen zonder "
                      "toestemming. Probeer ook dan eerst met de melder te overleggen, deel niet meer dan nodig, en "
                      "bespreek zo'n situatie achteraf met een collega-vertrouwenspersoon of in intervisie, zonder "
                      "namen.</p>"),
                _question("vp-v1", "Wanneer mag u informatie uit een gesprek delen zonder toestemming van de melder?", [
                    _option("Als de directeur of de leidinggevende erom vraagt", False,
                            "Nee: ook de directeur krijgt niets zonder toestemming van de melder."),
                    _option("Als u denkt dat het de melder helpt", False,
                            "Nee: dan neemt u de regie over. Bespreek met de melder wat u zou willen delen, en waarom."),
                    _option("Alleen bij acuut gevaar voor de melder of anderen", True,
                            "Juist: dat is de uitzondering. Overleg ook dan zo mogelijk eerst met de melder en deel niet meer dan nodig."),
                ], competencies=[c["Vertrouwelijkheid"]],
                    explanation="Vertrouwelijkheid is de basis van uw werk. De enige uitzondering is acuut gevaar."),
                _question("vp-v2", "In uw jaarverslag noemt u per afdeling het aantal meldingen, ook als een afdeling drie medewerkers heeft.", [
                    _option("Dat is prima: het zijn alleen cijfers.", False,
                            "Bij een kleine afdeling zijn cijfers snel herleidbaar tot personen."),
                    _option("Dat is niet verstandig: bij kleine aantallen is herleidbaar wie er bij u was.", True,
                            "Juist. Voeg kleine eenheden samen of beschrijf trends zonder de afdeling te noemen."),
                ], kind="true_false", competencies=[c["Jaarverslag"], c["Registreren"], c["Vertrouwelijkheid"]]),
                _question("vp-v3", "Wat neemt u op in uw geanonimiseerde registratie voor het jaarverslag?", [
                    _option("Het soort ongewenst gedrag, zoals pesten of intimidatie", True,
                            "Ja: zo ziet u welke problemen vaker voorkomen."),
                    _option("Het aantal gesprekken en de gekozen vervolgstap", True,
                            "Ja: dat laat zien wat melders nodig hebben, zonder dat iemand herkenbaar wordt."),
                    _option("De namen van de melder en van de beklaagde", False,
                            "Nee: namen horen niet in een registratie die voor het jaarverslag bedoeld is."),
                ], kind="multiple", competencies=[c["Registreren"], c["Jaarverslag"]],
                    explanation="Registreer wat u nodig heeft om trends te zien en te adviseren, en niets wat naar een persoon leidt."),
                _case("vp-casus", "De teamleider wil weten wie er bij u was",
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
                _reflection("vp-reflectie", "Hoe legt u een melder aan het begin van een gesprek uit wat u met het verhaal doet?",
                            "Schrijf de woorden op die u zou gebruiken, en noem ook de grens: acuut gevaar."),
            ],
        },
    ]


COURSE = {
    "title": "De rol van de vertrouwenspersoon",
    "summary": "Wat doet een vertrouwenspersoon wel, en wat juist niet? In vijf modules oefent u met uw rol, het "
               "wettelijk kader, uw onafhankelijkheid, de opvang van een melder en de vertrouwelijkheid, aan de hand "
               "van vragen en praktijksituaties.",
    "audience": "Vertrouwenspersonen ongewenste omgangsvormen, intern en extern, beginnend of ervaren.",
    "learning_goals": "<ul><li>U kunt uw curatieve en preventieve taken benoemen en afbakenen.</li>"
                      "<li>U herkent wanneer een vraag buiten uw rol valt (mediator, onderzoeker, hulpverlener).</li>"
                      "<li>U kunt uitleggen wat de Arbowet van een werkgever vraagt en wat de Arbeidsinspectie van "
                      "een vertrouwenspersoon verwacht.</li>"
                      "<li>U herkent loyaliteitsconflicten en weet hoe u uw onafhankelijkheid bewaakt.</li>"
                      "<li>U kunt een eerste gesprek met een melder voeren en gericht doorverwijzen.</li>"
                      "<li>U bewaakt de vertrouwelijkheid en registreert zonder dat iemand herkenbaar wordt.</li></ul>",
    "estimated_hours": 5,
    "pe_hours": 5,
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
