"""Resolution Reader: compare resolutions and their drafts, offline."""

__version__ = "0.1.0"
