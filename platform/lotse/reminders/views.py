from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.core.roles import Role, role_required
from lotse.needs.selectors import needs_editable_by

from .forms import NeedMessageForm
from .selectors import messages_for, placed_users
from .services import need_message_send


@role_required(Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def need_message(request, pk: int):
    """Write to everyone placed on a need; the page also lists what was sent before."""
    need = get_object_or_404(needs_editable_by(request.user), pk=pk)
    form = NeedMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = need_message_send(need=need, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your message went to %(count)d volunteers.") % {"count": sent.recipient_count},
            )
            return redirect("reminders:need_message", pk=need.pk)
    return render(
        request,
        "reminders/need_message.html",
        {
            "need": need,
            "form": form,
            "recipient_count": placed_users(need).count(),
            "history": messages_for(need)[:20],
        },
    )
