"""What a job hands the user; smartkreis.files writes it whole."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultFile:
    """What a job hands the user: the file's bytes, its download name and content type."""

    name: str
    content_type: str
    content: bytes
