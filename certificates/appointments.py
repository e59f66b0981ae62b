"""The write path for appointments (model appointment letter), and its default texts."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lms.organisations.queries import active_links_of_organisation

from .models import Appointment

DEFAULTS = {
    "tasks": (
        "De vertrouwenspersoon vangt medewerkers op die te maken hebben met ongewenste omgangsvormen, zoals "
        "pesten, seksuele intimidatie, agressie, geweld en discriminatie. Hij of zij luistert, denkt mee over "
        "mogelijke stappen, verwijst zo nodig door en begeleidt bij een klacht als de medewerker dat wil. "
        "Daarnaast adviseert de vertrouwenspersoon de organisatie over het voorkomen van ongewenste "
        "omgangsvormen en brengt jaarlijks een geanonimiseerd verslag uit."
    ),
    "independence": (
        "De vertrouwenspersoon voert de taken onafhankelijk uit en krijgt geen aanwijzingen over de inhoud van "
        "de gesprekken of het advies. Hij of zij rapporteert rechtstreeks aan de hoogste leiding van de "
        "organisatie en kan zich bij belemmeringen tot die leiding wenden. De vertrouwenspersoon is niet "
        "tegelijk leidinggevende, HR-adviseur of lid van de ondernemingsraad van de medewerkers die hij of zij "
        "opvangt."
    ),
    "confidentiality": (
        "Wat een medewerker de vertrouwenspersoon vertelt, blijft vertrouwelijk. De vertrouwenspersoon deelt "
        "niets zonder toestemming van de medewerker, behalve wanneer dat nodig is om ernstig gevaar te "
        "voorkomen. Aantekeningen worden veilig bewaard en na afsluiting vernietigd. De geheimhouding geldt "
        "ook na het einde van de aanstelling."
    ),
    "protection": (
        "De vertrouwenspersoon wordt niet benadeeld in zijn of haar positie, beoordeling of loopbaan doordat "
        "hij of zij deze taken uitvoert. Dat geldt ook voor medewerkers die de vertrouwenspersoon raadplegen."
    ),
    "facilities": (
        "Een afsluitbare ruimte voor vertrouwelijke gesprekken, een eigen telefoonnummer en e-mailadres waar "
        "alleen de vertrouwenspersoon bij kan, een afsluitbare kast of beveiligde digitale opslag, en "
        "toegang tot intervisie en bij- en nascholing."
    ),
    "reports_to": "Directeur-bestuurder",
}


def link_is_active(organisation, vp):
    return active_links_of_organisation(organisation).filter(vp=vp).exists()


def save_appointment(actor, organisation, vp, **fields):
    """Create or update the appointment; only an admin of the organisation, for a VP who accepted its link."""
    if not organisation.admins.filter(pk=actor.pk).exists() or not link_is_active(organisation, vp):
        raise PermissionDenied("U kunt alleen een aanstelling vastleggen voor een gekoppelde vertrouwenspersoon van uw organisatie.")
    with transaction.atomic():
        appointment, _created = Appointment.objects.update_or_create(
            organisation=organisation, vp=vp, defaults={**fields, "updated_by": actor}
        )
    return appointment
