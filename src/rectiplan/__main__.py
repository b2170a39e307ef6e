"""`python -m rectiplan` runs the command line."""

from rectiplan.launch import main

main()
