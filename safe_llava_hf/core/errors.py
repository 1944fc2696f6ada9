"""The one base class of every error a user can hit.

Each message names what is wrong and where (file, record, field). ``safe-llava`` catches
:class:`SafeLlavaError`, prints the message and exits with code 2; anything else is a bug.
"""

from __future__ import annotations


class SafeLlavaError(Exception):
    """An error caused by the user's input, files, settings or environment, with a message that says what to do."""


class InputError(SafeLlavaError, ValueError):
    """A path or argument that cannot be used (missing file, wrong choice)."""


class PolicyError(SafeLlavaError, ValueError):
    """A policy file that cannot be used; the message names the file and the key."""
