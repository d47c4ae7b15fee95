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
    requests: queue.Queue[str] = queue.Queue()
    # Read stdin from the start, not after loading: if the app dies while the model is
    # still loading, end of input stops this process at once instead of ~10 s later.
    threading.Thread(target=_read_requests, args=(requests,), daemon=True).start()
    try:
        model = _load()
    except Exception as exc:  # noqa: BLE001 - reported to the app, which keeps its heuristics
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
        return
    print("ready", flush=True)
    while True:
        text = json.loads(requests.get())
        annotations = model.deidentify(text).annotations
        print(json.dumps([[a.tag, a.start_char, a.end_char, a.text] for a in annotations]), flush=True)


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


if __name__ == "__main__":
    main()
