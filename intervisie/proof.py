"""A member's proof of attendance at one intervisie session, as a one-page PDF (reportlab)."""

import io
from pathlib import Path

import reportlab
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# DejaVu covers names such as "Yılmaz" and "Wiśniewski"; reportlab's own Vera is the fallback.
FONT_FILES = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"]


def _font():
    if "VPSans" not in pdfmetrics.getRegisteredFontNames():
        path = next(p for p in FONT_FILES if p.exists())
        pdfmetrics.registerFont(TTFont("VPSans", str(path)))
    return "VPSans"


def attendance_pdf(record):
    session = record.session
    starts = timezone.localtime(session.starts_at)
    font = _font()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=0)
    pdf.setTitle("Bewijs van deelname aan intervisie")
    pdf.setAuthor("VP-Academie")
    width, height = A4
    y = height - 30 * mm
    pdf.setFont(font, 18)
    pdf.drawString(25 * mm, y, "Bewijs van deelname aan intervisie")
    rows = [
        ("Deelnemer", record.user.get_full_name() or record.user.email),
        ("Datum", f"{starts:%d-%m-%Y}, {starts:%H:%M} uur"),
        ("Duur", f"{record.minutes_credited} minuten"),
        ("Methode", session.method.name),
        ("Thema", session.theme),
        ("Gespreksleider", session.group.facilitator.get_full_name() or session.group.facilitator.email),
        ("Groep", session.group.name),
        ("Aanwezigheid bevestigd", f"{timezone.localtime(record.confirmed_at):%d-%m-%Y}"),
    ]
    pdf.setFont(font, 11)
    y -= 15 * mm
    for label, value in rows:
        pdf.drawString(25 * mm, y, f"{label}:")
        pdf.drawString(75 * mm, y, value)
        y -= 8 * mm
    y -= 6 * mm
    pdf.setFont(font, 9)
    for line in (
        "De gespreksleider heeft de aanwezigheid na afloop van de bijeenkomst bevestigd op VP-Academie.",
        "Dit is een registratie van deelname, geen certificering door de LVV. U kunt het gebruiken bij uw eigen",
        "registratie van intervisie-uren.",
    ):
        pdf.drawString(25 * mm, y, line)
        y -= 5 * mm
    pdf.showPage()
    pdf.save()
    return out.getvalue()
