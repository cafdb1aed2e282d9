"""Django's own messages that twinplan words otherwise in a language. Listed here so that
`makemessages` keeps them in twinplan's catalogues, which Django reads before its own
(LOCALE_PATHS): Vietnamese "Nhập một số nguyên." (a whole number), not Django's
"Nhập một số tổng thể." ("an overall number")."""

from __future__ import annotations

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = (gettext_noop("Enter a whole number."),)
