"""`python -m rectiplan` runs the command line."""

from rectiplan.cli import main

main()
