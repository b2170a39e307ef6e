"""The console script's entry point: quiet on Ctrl-C from the first moment, then the command line.

Importing the command line (typer, rich, pydantic) takes a while; a Ctrl-C in that time raised KeyboardInterrupt
inside some import and printed a traceback (once a SyntaxError, as unicodedata failed to load). This module imports
nothing heavy before it has a handler that ends the run with one line and exit 130.
"""

import _signal  # type: ignore[import-not-found]  # the C module: `signal` imports enum, long enough to be interrupted in
import gc
import os

INTERRUPTED = 130  # ExitStatus.INTERRUPTED, which cannot be imported yet


def _interrupted(signum: int, frame: object) -> None:
    # Nothing has been written yet and nothing is half done: say so and end at once, without unwinding an import.
    try:
        os.write(2, b"rectiplan: interrupted\n")
    except OSError:
        pass
    os._exit(INTERRUPTED)


# Installed as this module is imported, not when main() is called: the moment between the two was a window for a
# traceback too.
_signal.signal(_signal.SIGINT, _interrupted)


# Whether main() paused the cyclic garbage collector for start-up, until resume_collector().
_paused = False


def main() -> None:
    global _paused
    # Start-up (importing typer, pydantic, rich and rectiplan, building the models and the command) makes hundreds
    # of thousands of objects that live as long as the process, and no garbage worth a collection: the collector
    # would walk them again and again as they are made, about 3 % of the instructions of `overdue` (cachegrind).
    # Paused here, in the command line's own entry point only; the library never switches the collector.
    if gc.isenabled():
        gc.disable()
        _paused = True
    from .cli import main as run  # cli's main hands Ctrl-C back to Python once it can report it itself

    run()


def resume_collector() -> None:
    """Called as a command starts its work: what start-up made is moved out of the collector's reach for good
    (gc.freeze), and the collector runs again as usual. Does nothing unless main() paused it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


if __name__ == "__main__":
    main()
