class EditConflict(Exception):
    """Someone saved the object after the editor loaded it: their version is newer."""

    def __init__(self, *, current_version: int, expected_version: int) -> None:
        self.current_version = current_version
        self.expected_version = expected_version
        super().__init__(
            f"The object is at version {current_version}; the edit started from "
            f"version {expected_version}."
        )
