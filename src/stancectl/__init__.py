"""stancectl: who said what about an issue, where and when, according to whom.

The library loads and checks a stances.yaml (`stancectl.load.load`, `stancectl.check.check`)
and answers questions about it (`stancectl.query`) without any terminal library.
"""

__version__ = "0.1.0"
