"""aiexp: validate, calculate and draft proposals for the American AI Exports Program."""

__version__ = "0.1.0"
