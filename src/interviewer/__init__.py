"""interviewer: terminal interview assistant for Toezicht Sociaal Domein."""

__version__ = "0.1.0"
