"""`stancectl` and `python -m stancectl`.

Ctrl-C must end the command with exit 130 and no traceback at any moment, start-up included:
the command line's modules take a while to import, and a KeyboardInterrupt raised while they
load would escape every handler. So until `run()` has its own handler in place, an interrupt
simply ends the process with 130. (An interrupt during the interpreter's own start-up, before
any of stancectl runs, is Python's to handle.)
"""

import signal
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    raise SystemExit(130)  # SystemExit: printed by nobody, caught by no `except Exception`


signal.signal(signal.SIGINT, _interrupted_while_starting)


def main() -> None:
    """Run the CLI and exit with its code."""
    from stancectl.cli import run

    signal.signal(signal.SIGINT, signal.default_int_handler)  # run() turns it into 130
    try:
        code = run()
    except KeyboardInterrupt:  # between the two lines above and run()'s own handler
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
