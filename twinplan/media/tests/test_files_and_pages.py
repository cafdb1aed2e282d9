"""Who gets a file, and where pictures show: the file view's permission matrix on drafts,
its headers, and the pictures on the public pages in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.models import BinEntry
from twinplan.core.services import translation_set
from twinplan.events.models import Event
from twinplan.media.models import MediaItem
from twinplan.media.selectors import media_for, rendition_bytes, rendition_name, with_media
from twinplan.media.services import media_delete, media_update
from twinplan.media.tests.factories import image_bytes, media_item, pdf_bytes
from twinplan.partnerships.models import PartnershipRole, RoleKind
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_event(partnership):
    return Event.objects.create(partnership=partnership, kind="public_event", title="Fest",
                                original_language="de", is_published=False)


@pytest.fixture
def draft_photo(partnership, draft_event, alice):
    return media_item(partnership, attached_to=draft_event, by=alice)


@pytest.fixture
def other_coordinator(db):
    elsewhere = PartnershipFactory(slug="elsewhere")
    user = UserFactory(username="erik")
    PartnershipRole.objects.create(user=user, partnership=elsewhere, role=RoleKind.COORDINATOR,
                                   municipality=elsewhere.members.first().municipality)
    return user


def addresses(item: MediaItem) -> list[str]:
    return [reverse("media_file", args=[item.key, "file"])] + [
        reverse("media_file", args=[item.key, width]) for width in item.renditions]


READERS_OF_DRAFTS = {"contributor": True, "coordinator": True, "partner_coordinator": True,
                     "anonymous": False, "outsider": False, "other_partnership": False}


@pytest.mark.parametrize("who", list(READERS_OF_DRAFTS))
def test_a_draft_events_photo_only_for_the_partnership(
    client, who, draft_photo, alice, bao, charlie, olga, other_coordinator
):
    users = {"contributor": charlie, "coordinator": alice, "partner_coordinator": bao,
             "outsider": olga, "other_partnership": other_coordinator, "anonymous": None}
    if users[who] is not None:
        client.force_login(users[who])
    for address in addresses(draft_photo):
        response = client.get(address)
        if READERS_OF_DRAFTS[who]:
            assert response.status_code == 200, address
            assert response["Cache-Control"] == "private, no-store"
            assert b"".join(response.streaming_content)
        else:
            assert response.status_code == 404, address


def test_a_published_events_photo_is_public(client, partnership, draft_event, draft_photo):
    draft_event.is_published = True
    draft_event.save()
    response = client.get(reverse("media_file", args=[draft_photo.key, "480"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"].startswith("public")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == rendition_bytes(draft_photo, 480)
    # … but not while the partnership itself is a draft
    partnership.is_published = False
    partnership.save()
    assert client.get(reverse("media_file", args=[draft_photo.key, "480"])).status_code == 404


def test_a_draft_measures_photo_is_hidden(client, partnership, alice):
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, is_published=False)
    item = media_item(partnership, attached_to=measure)
    assert client.get(addresses(item)[0]).status_code == 404
    measure.is_published = True
    measure.save()
    assert client.get(addresses(item)[0]).status_code == 200


def test_unknown_keys_and_variants_are_not_found(client, draft_photo, alice):
    client.force_login(alice)
    assert client.get(reverse("media_file", args=["0" * 32, "file"])).status_code == 404
    assert client.get(reverse("media_file", args=[draft_photo.key, "123"])).status_code == 404
    assert client.post(reverse("media_file", args=[draft_photo.key, "file"])).status_code == 405


def test_the_address_is_not_the_database_id(draft_photo):
    assert f"/{draft_photo.pk}/" not in addresses(draft_photo)[0]
    assert len(draft_photo.key) == 32
    assert draft_photo.key in draft_photo.file.name  # stored under the random key


def test_edit_keeps_history_version_and_author_and_delete_goes_to_the_bin(
    partnership, draft_photo, alice
):
    saved = media_update(draft_photo, by=alice, expected_version=draft_photo.version,
                         credit="Foto: Frank Fendler")
    assert saved.version == draft_photo.version + 1
    latest = saved.history.first()
    assert latest.history_user == alice
    assert latest.credit == "Foto: Frank Fendler"
    pk = saved.pk
    media_delete(saved, by=alice)
    assert not MediaItem.objects.filter(pk=pk).exists()
    entry = BinEntry.objects.get(object_id=pk)
    assert entry.scope_id == partnership.pk


def test_one_cover_per_partnership(partnership, alice):
    first = media_item(partnership, is_cover=True)
    second = media_item(partnership, is_cover=True, by=alice)
    first.refresh_from_db()
    assert (first.is_cover, second.is_cover) == (False, True)


def test_a_cover_belongs_to_the_partnership_and_a_document_is_no_cover(partnership, draft_event):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        media_item(partnership, attached_to=draft_event, is_cover=True)
    assert "is_cover" in refused.value.message_dict
    with pytest.raises(ValidationError):
        media_item(partnership, data=pdf_bytes(), is_cover=True)


def test_another_partnerships_event_is_refused(partnership, draft_event):
    from django.core.exceptions import ValidationError

    elsewhere = PartnershipFactory(slug="elsewhere")
    with pytest.raises(ValidationError) as refused:
        media_item(elsewhere, attached_to=draft_event)
    assert "partnership" in refused.value.message_dict


def test_selectors_for_documents_and_exports(partnership, draft_event, django_assert_num_queries):
    photo = media_item(partnership, attached_to=draft_event, data=image_bytes(size=(1000, 500)))
    assert media_for(draft_event) == [photo]
    assert media_for(draft_event, published_only=True) == []
    assert rendition_name(photo) == photo.file.name
    assert rendition_name(photo, 500) == photo.renditions["960"]
    events = [Event.objects.create(partnership=partnership, kind="workshop", title=f"E{i}",
                                   original_language="de") for i in range(5)]
    with django_assert_num_queries(1):
        listed = with_media([draft_event, *events])
    assert listed[0].media_list == [photo]
    assert listed[1].media_list == []


def test_public_pages_show_pictures_in_the_readers_language(client, partnership, draft_event):
    draft_event.is_published = True
    draft_event.save()
    photo = media_item(partnership, attached_to=draft_event, caption="Baumpflanzung",
                       alt_text="Kinder pflanzen einen Baum", original_language="de",
                       credit="Foto: Frank Fendler", data=image_bytes(size=(1000, 500)))
    translation_set(obj=photo, field="caption", language="vi", text="Trồng cây",
                    status="human")
    cover = media_item(partnership, is_cover=True, data=image_bytes(size=(1700, 850)))
    page = client.get(f"/vi/partnerships/{partnership.slug}/").content.decode()
    assert "Trồng cây" in page
    assert "Foto: Frank Fendler" in page
    assert "CC BY 4.0" in page
    assert 'lang="de"' in page  # the alt text not translated: marked as German
    assert reverse("media_file", args=[photo.key, "480"]) + " 480w" in page
    assert 'loading="lazy"' in page
    assert 'width="480" height="240"' in page
    assert reverse("media_file", args=[cover.key, "1600"]) in page
    german = client.get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert "Baumpflanzung" in german
    assert "Trồng cây" not in german


def test_measure_page_shows_its_photos(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme)
    photo = media_item(partnership, attached_to=measure, caption="Solardach")
    page = client.get(f"/en/partnerships/{partnership.slug}/measures/{measure.pk}/")
    assert page.status_code == 200
    assert "Solardach" in page.content.decode()
    assert reverse("media_file", args=[photo.key, "file"]).rsplit("/", 2)[0] in (
        page.content.decode())


def test_agreement_documents_are_listed(client, partnership):
    agreement = partnership.agreements.create(kind="council_resolution", title="Ratsbeschluss",
                                              original_language="de")
    document = media_item(partnership, attached_to=agreement, data=pdf_bytes(),
                          caption="Beschluss vom 3. Mai")
    page = client.get(f"/de/partnerships/{partnership.slug}/").content.decode()
    assert reverse("media_file", args=[document.key, "file"]) in page
    response = client.get(reverse("media_file", args=[document.key, "file"]))
    assert response["Content-Type"] == "application/pdf"


def test_files_stay_while_in_the_bin_and_go_with_the_purge(
    partnership, draft_photo, alice, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from twinplan.core.bin import bin_purge, bin_restore

    names = [draft_photo.file.name, *draft_photo.renditions.values()]
    media_delete(draft_photo, by=alice)
    assert all(default_storage.exists(name) for name in names)
    restored = bin_restore(BinEntry.objects.get(), by=alice)
    assert restored.key == draft_photo.key
    media_delete(restored, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        # both entries: the first (its item restored, then deleted again) and the second
        assert bin_purge(now=timezone.now() + timedelta(days=31)) == 2
    assert not any(default_storage.exists(name) for name in names)
