"""The JSON API under /api/v1/ (django-ninja): reads of the published network, and writes
with a personal token through the owning apps' services, under the editor pages' rules.
docs/api.md describes it."""
