"""Every course certificate expires: courses that left the validity blank get four years."""

import django.core.validators
from django.db import migrations, models


def blank_to_four_years(apps, schema_editor):
    apps.get_model("courses", "CoursePage").objects.filter(certificate_valid_years__isnull=True).update(
        certificate_valid_years=4
    )


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_h5p_results_protect_activity")]

    operations = [
        migrations.RunPython(blank_to_four_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="coursepage",
            name="certificate_valid_years",
            field=models.PositiveSmallIntegerField(
                default=4,
                help_text="Na zoveel jaar verloopt het certificaat. Vier jaar valt samen met de scholingscyclus die de LVV hanteert.",
                validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)],
                verbose_name="geldigheid certificaat (jaren)",
            ),
        ),
    ]
