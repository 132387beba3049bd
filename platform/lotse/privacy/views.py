"""Privacy pages: the public notice with every retention period, "my data" — export,
consents with what a withdrawal means, and deleting the account — and the texts one consents
to, with the profile page's buttons to agree and withdraw."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.operator import city_operator
from lotse.core.roles import Role, role_required

from .export import personal_data
from .forms import EraseForm
from .models import Consent
from .selectors import consent_states, retention_periods, withdrawal_effect
from .services import account_erase, consent_give_current, consent_withdraw


def privacy_notice(request):
    context = {"periods": retention_periods(), "operator": city_operator()}
    return render(request, "privacy/notice.html", context)


@login_required
def my_data(request):
    user = request.user
    context = {
        "consents": consent_states(user) if user.role == Role.VOLUNTEER else [],
        "effect": withdrawal_effect(user),
        "can_erase": user.role == Role.VOLUNTEER and not user.is_superuser,
    }
    return render(request, "privacy/my_data.html", context)


@login_required
def export_page(request):
    document = personal_data(request.user)
    response = render(request, "privacy/export.html", {"document": document})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_json(request):
    body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lotse-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def consent_withdraw_page(request, kind: str):
    if kind not in Consent.Kind.values or request.user.role != Role.VOLUNTEER:
        raise Http404
    _withdraw(request, kind)
    return redirect("privacy:my_data")


def _withdraw(request, kind: str) -> None:
    """The one withdrawal of the site's pages: it says what closed with it."""
    closed = consent_withdraw(user=request.user, kind=kind)
    messages.success(request, _("Your consent is withdrawn."))
    if closed:
        messages.info(
            request,
            _("%(n)s of your placements were closed; the facilities are informed.") % {"n": closed},
        )


# The profile page's buttons, at the address they had in the volunteers app (lotse/urls.py
# mounts them in its namespace): agree, or the same withdrawal as above, then back to the profile.
@role_required(Role.VOLUNTEER)
@require_POST
def consent_change(request, kind: str, action: str):
    if kind not in Consent.Kind.values or action not in ("give", "withdraw"):
        raise Http404
    if action == "give":
        consent_give_current(user=request.user, kind=kind)
        messages.success(request, _("Thank you, your consent is recorded."))
    else:
        _withdraw(request, kind)
    return redirect("volunteers:profile")


def consent_text(request, kind: str):
    if kind not in Consent.Kind.values:
        raise Http404
    return render(
        request,
        f"privacy/texts/{kind}.html",
        {"version": Consent.current_version(kind), "kind_label": Consent.Kind(kind).label},
    )


@login_required
def account_delete(request):
    if request.user.role != Role.VOLUNTEER or request.user.is_superuser:
        raise PermissionDenied(_("Staff accounts are closed by an administrator."))
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_erase(user=request.user, confirm_email=form.cleaned_data["confirm_email"])
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {}
            form.add_error("confirm_email", errors.get("confirm_email", exc.messages))
        else:
            logout(request)
            return redirect("privacy:erased")
    status = 400 if form.errors else 200
    context = {"form": form, "effect": withdrawal_effect(request.user)}
    return render(request, "privacy/delete.html", context, status=status)


def erased(request):
    return render(request, "privacy/erased.html")
