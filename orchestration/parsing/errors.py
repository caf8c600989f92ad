"""The one error parsing raises on purpose."""


class UnreadableReport(ValueError):
    """The bytes cannot be read as a text report (or are over a limit); the message says why."""
