"""The workspace keeps no models of its own: invitations live in `partnerships`."""
