"""aiexp: proposals for the American AI Exports Program (Pre-Set Consortia, Docket 260401-0092)."""

__version__ = "0.1.0"
