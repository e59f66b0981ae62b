"""Replace Wagtail's default welcome page with the VP-Academie home page and point the site at it."""

from django.db import migrations

INTRODUCTION = (
    "Scholing, intervisie en een bijgehouden dossier voor vertrouwenspersonen ongewenste omgangsvormen: "
    "op één plek, en zo vertrouwelijk als uw werk."
)
BODY = (
    "<p>Als vertrouwenspersoon vangt u medewerkers op die te maken krijgen met intimidatie, pesten, agressie of "
    "discriminatie. Dat vraagt vakmanschap, een onafhankelijke positie en een rol die helder is, voor uzelf en voor "
    "uw organisatie.</p>"
    "<p>Op VP-Academie volgt u cursussen over rolvastheid en competenties, bereidt u met uw intervisiegroep "
    "bijeenkomsten voor in een beveiligde ruimte, en houdt u uw uren en certificaten bij. Uw werkgever ziet alleen "
    "wat u zelf deelt.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    Page.objects.filter(id=2, depth=2).delete()  # Wagtail's "Welcome to your new Wagtail site!"
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Welkom bij VP-Academie", draft_title="Welkom bij VP-Academie", slug="home",
        content_type=content_type, path="00010001", depth=2, numchild=0, url_path="/home/",
        introduction=INTRODUCTION, body=BODY, locale_id=Page.objects.get(depth=1).locale_id,
    )
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": homepage})


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
