from axes.utils import reset as axes_reset
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from lms.organisations.queries import dashboard_organisation_context

from .forms import EmailAuthenticationForm
from .models import Role


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The locked-out page promises that a new password helps: lift the lockout of this account.
        axes_reset(username=form.user.email)
        return response


@login_required
def dashboard(request):
    """One personal page with a section for each of the person's roles."""
    user = request.user
    context = {"roles": user.roles, "Role": Role}
    context.update(dashboard_organisation_context(user))
    return render(request, "accounts/dashboard.html", context)
