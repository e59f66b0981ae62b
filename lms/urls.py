from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import health

urlpatterns = [
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include("lms.accounts.urls")),
    path("organisaties/", include("lms.organisations.urls")),
    path("leren/", include("courses.urls")),
    path("intervisie/", include("intervisie.urls")),
    path("taal/", set_language, name="set_language"),
    path("certificaten/", include("certificates.urls")),
    path("gezond/", health.live, name="health_live"),
    path("gereed/", health.ready, name="health_ready"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else, starting with the home page.
urlpatterns += [path("", include(wagtail_urls))]
