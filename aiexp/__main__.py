"""`python -m aiexp` runs the command-line tool."""

from aiexp.cli import main

main()
