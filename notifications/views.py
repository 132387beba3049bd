from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import PreferenceForm
from .selectors import inbox_entries, inbox_for, preference_for
from .services import notification_mark_read, notifications_mark_all_read, preference_save

PAGE_SIZE = 20


@login_required
@require_GET
def inbox(request):
    page = Paginator(inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "entries": inbox_entries(request.user, page.object_list)},
    )


@login_required
@require_GET
def open_notification(request, pk: int):
    """Mark as read and go where the notification points (only to a page of this site)."""
    notification = get_object_or_404(inbox_for(request.user), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    target = notification.context.get("url") or ""
    safe = (
        isinstance(target, str)
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    return redirect(target if safe else "notifications:inbox")


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = get_object_or_404(inbox_for(request.user), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = notifications_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d messages marked as read.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = preference_for(request.user)
    form = PreferenceForm(request.POST or None, user=request.user, preference=preference)
    if request.method == "POST" and form.is_valid():
        try:
            preference_save(
                user=request.user,
                channels=form.channels(),
                digest=form.cleaned_data.get("digest") or None,
                language=form.cleaned_data["language"],
                sms_number=form.cleaned_data["sms_number"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
