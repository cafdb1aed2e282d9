from twinplan.accounts.models import User


def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    display_name: str = "",
    language: str = "en",
    time_zone: str = "Europe/Berlin",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user after validating every field; `password=None` makes a login-less user."""
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        language=language,
        time_zone=time_zone,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    return user
