"""The owner's page of personal API tokens: make one (its secret shown this once, on the
page the POST redirects to), see one's tokens, revoke one. The tokens and their rules
live in accounts.services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from twinplan.accounts.models import ApiToken, User
from twinplan.accounts.services import api_token_create, api_token_revoke, api_tokens_of


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What the token is for, such as "
                                                  "“reporting script”."))
    read_only = forms.BooleanField(
        label=gettext_lazy("Read only"), required=False,
        help_text=gettext_lazy("A read-only token reads what you may read and writes "
                               "nothing."))
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The last day the token works; empty: until you revoke it."))


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


# The secret of the token just made waits in the session (stored on the server) for the
# one page that shows it: the redirect after the POST leads there, and showing it removes
# it, so reloading that page neither makes a second token nor shows the secret again.
JUST_MADE = "api_token_just_made"


@never_cache  # the page with a new secret is kept by no cache (shown once)
@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = api_token_create(user=user, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[JUST_MADE] = secret
            return redirect("workspace:api_tokens")
    shown = None
    if request.method == "GET":
        shown = request.session.pop(JUST_MADE, None)
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/api_tokens.html",
                  {"form": form, "secret": shown, "tokens": api_tokens_of(user)},
                  status=status)


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    token = ApiToken.objects.filter(pk=pk, user=user).first()
    if token is None:
        raise Http404(_("No such token of yours."))
    api_token_revoke(token, by=user)
    messages.success(request, _("The token “%(name)s” was revoked; it no longer works.")
                     % {"name": token.name})
    return redirect("workspace:api_tokens")
