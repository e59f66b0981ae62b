"""Review before publishing: a second trainer approves what a trainer submitted."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class SecondTrainerApprovalTask(AbstractGroupApprovalTask):
    """Like Wagtail's group approval, except that nobody approves their own submission (a superuser may)."""

    def _submitted_by(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk and not user.is_superuser

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        if self._submitted_by(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        # Wagtail publishes as the approver, which needs the publish permission that trainers lack on purpose (so
        # that nobody skips the review). The approval, logged with the reviewer's name, is the permission here.
        task_state.approve(user=user, update=False, **kwargs)
        task_state.workflow_state.update(user=None)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states if user.is_superuser else states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Een andere trainer dan de indiener keurt goed voordat de pagina gepubliceerd wordt.")

    class Meta:
        verbose_name = _("goedkeuring door een tweede trainer")
        verbose_name_plural = _("goedkeuringen door een tweede trainer")


