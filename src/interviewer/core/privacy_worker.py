"""The deduce name model in its own process, answering one JSON line per text.

deduce's model takes ~10 s to load, mostly in pickle and Python code that holds the GIL;
in a thread of the app it stalled the interview screen for seconds at a time. In a child
process it loads on the other core and the app only ever waits for one short reply.

Protocol: after loading, the worker prints "ready"; then for every line on stdin (a JSON
string) it prints one line: a JSON list of [tag, start, end, text]. It exits at end of input,
so it also ends when the app is killed.
"""

from __future__ import annotations

import json
import os
import pickle
import queue
import sys
import threading
from typing import Any


def main() -> None:
    # The protocol gets its own copy of stdout; fd 1 itself is pointed at stderr, so that
    # whatever deduce prints or logs while it builds its cache ("Please wait 1-2 minutes")
    # can never be mistaken for a reply.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests: queue.Queue[str] = queue.Queue()
    # Read stdin from the start, not after loading: if the app dies while the model is
    # still loading, end of input stops this process at once instead of ~10 s later.
    threading.Thread(target=_read_requests, args=(requests,), daemon=True).start()
    try:
        model = _load()
    except Exception as exc:  # noqa: BLE001 - reported to the app, which keeps its heuristics
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), file=protocol, flush=True)
        return
    print("ready", file=protocol, flush=True)
    while True:
        text = json.loads(requests.get())
        annotations = model.deidentify(text).annotations
        print(json.dumps([[a.tag, a.start_char, a.end_char, a.text] for a in annotations]),
              file=protocol, flush=True)


def _load() -> Any:
    from deduce import Deduce

    try:
        return Deduce()
    except (EOFError, pickle.UnpicklingError):
        # deduce caches its lookup structures in a pickle on first use; a process killed
        # while writing it leaves it cut short. Rebuilding overwrites it.
        return Deduce(build_lookup_structs=True)


def _read_requests(requests: queue.Queue[str]) -> None:
    for line in sys.stdin:
        requests.put(line)
    os._exit(0)  # the app closed the pipe or died


def prepare() -> None:
    """Build deduce's lookup cache now (scripts/_setup.sh runs this once per install)."""
    _load()


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        prepare()
    else:
        main()
