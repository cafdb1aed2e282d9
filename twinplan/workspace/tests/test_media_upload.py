"""Uploading photos and documents in the workspace, as a coordinator does from a phone,
and who may: the upload's own permission matrix (editing and deleting are the registry's
"media" kind, in test_permission_matrix)."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from twinplan.accounts.tests.factories import UserFactory
from twinplan.events.models import Event
from twinplan.media.models import MediaItem
from twinplan.media.tests.factories import image_bytes, pdf_bytes
from twinplan.partnerships.models import FundingProgrammeCoordinator, PartnershipRole, RoleKind
from twinplan.partnerships.tests.factories import FundingProgrammeFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(partnership):
    return Event.objects.create(partnership=partnership, kind="public_event",
                                title="Stadtfest", original_language="de", is_published=False)


def upload_url(partnership, language="de") -> str:
    return f"/{language}/workspace/{partnership.slug}/media/upload/"


def form_data(event, data: bytes, name: str = "IMG_0042.HEIC", **extra) -> dict:
    return {
        "upload": SimpleUploadedFile(name, data, content_type="image/heic"),
        "attached_to": f"event:{event.pk}",
        "caption": "Stadtfest auf dem Marktplatz", "alt_text": "Menschen an Marktständen",
        "credit": "Foto: Frank Fendler", "licence": "cc-by-4.0", "people": "consented",
        "sequence": "0", "original_language": "de", **extra,
    }


def test_a_coordinator_uploads_a_portrait_heic_from_a_phone(client, alice, partnership, event):
    client.force_login(alice)
    heic = image_bytes("HEIF", (1200, 800), orientation=6, gps=True)
    response = client.post(upload_url(partnership), form_data(event, heic))
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert item.event == event
    assert item.kind == "image"
    assert (item.width, item.height) == (800, 1200)
    stored = Image.open(default_storage.open(item.file.name))
    assert dict(stored.getexif()) == {}
    assert item.history.get().history_user == alice
    overview = client.get(response["Location"]).content.decode()
    assert reverse("media_file", args=[item.key, "480"]) in overview


@pytest.mark.parametrize(("data", "message"), [
    (b"MZ\x90\x00" + b"\x00" * 300, "kein Bild"),
    (image_bytes(size=(900, 600))[:2000], "beschädigt"),
])
def test_a_bad_file_comes_back_with_a_message_at_the_field(
    client, alice, partnership, event, data, message
):
    client.force_login(alice)
    response = client.post(upload_url(partnership), form_data(event, data, name="x.jpg"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["upload"]
    assert message in " ".join(errors["upload"])
    page = response.content.decode()
    assert 'id="id_upload_error"' in page
    assert "nichts gespeichert" in page
    assert MediaItem.objects.count() == 0


def test_missing_alt_text_and_no_file(client, alice, partnership, event):
    client.force_login(alice)
    response = client.post(upload_url(partnership, "en"),
                           form_data(event, image_bytes(size=(600, 400)), alt_text=""))
    assert response.status_code == 400
    assert "alt_text" in response.context["form"].errors
    data = form_data(event, b"")
    del data["upload"]
    response = client.post(upload_url(partnership, "en"), data)
    assert response.status_code == 400
    assert "upload" in response.context["form"].errors
    assert MediaItem.objects.count() == 0


def test_a_signed_resolution_as_pdf(client, bao, partnership):
    agreement = partnership.agreements.create(kind="council_resolution", title="Ratsbeschluss",
                                              original_language="de")
    client.force_login(bao)
    response = client.post(upload_url(partnership, "vi"), {
        "upload": SimpleUploadedFile("beschluss.pdf", pdf_bytes(), "application/pdf"),
        "attached_to": f"agreement:{agreement.pk}", "caption": "Nghị quyết",
        "credit": "", "licence": "permission", "sequence": "0",
    })
    assert response.status_code == 302
    assert MediaItem.objects.get().agreement == agreement


def test_another_partnerships_event_cannot_be_chosen(client, alice, partnership):
    foreign = Event.objects.create(partnership=PartnershipFactory(slug="elsewhere"),
                                   kind="workshop", title="Fremd", original_language="de")
    client.force_login(alice)
    response = client.post(upload_url(partnership), form_data(foreign, image_bytes()))
    assert response.status_code == 400
    assert "attached_to" in response.context["form"].errors
    assert MediaItem.objects.count() == 0


@pytest.fixture
def people(partnership, alice, bao, charlie, olga):
    funding = FundingProgrammeFactory()
    partnership.funding_programme = funding
    partnership.save()
    reader = UserFactory(username="paula")
    FundingProgrammeCoordinator.objects.create(user=reader, funding_programme=funding)
    elsewhere = PartnershipFactory(slug="elsewhere")
    erik = UserFactory(username="erik")
    PartnershipRole.objects.create(user=erik, partnership=elsewhere, role=RoleKind.COORDINATOR,
                                   municipality=elsewhere.members.first().municipality)
    inactive = UserFactory(username="ina", is_active=False)
    PartnershipRole.objects.create(user=inactive, partnership=partnership,
                                   role=RoleKind.COORDINATOR,
                                   municipality=partnership.members.first().municipality)
    return {"coordinator": alice, "partner_coordinator": bao, "contributor": charlie,
            "outsider": olga, "programme_coordinator": reader, "other_coordinator": erik,
            "inactive_coordinator": inactive, "anonymous": None}


MAY_UPLOAD = {"coordinator", "partner_coordinator"}


@pytest.mark.parametrize("who", ["coordinator", "partner_coordinator", "contributor",
                                 "outsider", "programme_coordinator", "other_coordinator",
                                 "inactive_coordinator", "anonymous"])
def test_who_may_upload(client, people, partnership, event, who):
    if people[who] is not None:
        client.force_login(people[who])
    page = client.get(upload_url(partnership))
    response = client.post(upload_url(partnership), form_data(event, image_bytes()))
    if who in MAY_UPLOAD:
        assert page.status_code == 200
        assert response.status_code == 302
        assert MediaItem.objects.count() == 1
    else:
        assert page.status_code in (302, 403)
        assert response.status_code in (302, 403)
        if who == "anonymous":
            assert response["Location"].startswith("/de/accounts/login/")
        assert MediaItem.objects.count() == 0
