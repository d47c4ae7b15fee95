"""Domain core: no user interface imports allowed here."""
