"""The exit codes of every command, documented in the README."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    PLAN_PROBLEMS = 1  # a plan file has problems (validate found some, or a read command met an invalid plan)
    USAGE = 2  # a bad option or argument, or a file that cannot be read
    OVERDUE = 3  # overdue items found with --fail-on-overdue
    OUTPUT = 4  # the output could not be written: disk full, stdout closed, or an encoding that cannot show it
    CONFLICT = 5  # an edit found the plan changed on disk since it was read, or locked by another edit: run again
    INTERNAL = 70  # an unexpected error (a bug, memory exhausted): one line on stderr, as sysexits' EX_SOFTWARE
    INTERRUPTED = 130  # Ctrl-C (SIGINT), the code shells use for it
