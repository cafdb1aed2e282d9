"""The page of a list that a query string asks for."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator


def page_nearest(paginator: Paginator, number: Any) -> Page[Any]:
    """The page `number` (as the query string gives it) or the nearest: the first for a
    number below 1 or none at all, the last for one past the end. (Django's `get_page`
    gives the last page for 0 or -1.)"""
    try:
        if int(number) < 1:
            number = 1
    except (TypeError, ValueError):
        number = 1
    return paginator.get_page(number)
