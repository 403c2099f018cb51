"""Package data: the compact NIST reference ids (see SOURCES.md)."""
