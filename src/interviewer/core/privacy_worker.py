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
import sys


def main() -> None:
    try:
        from deduce import Deduce

        model = Deduce()
    except Exception as exc:  # noqa: BLE001 - reported to the app, which keeps its heuristics
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
        return
    print("ready", flush=True)
    for line in sys.stdin:
        text = json.loads(line)
        annotations = model.deidentify(text).annotations
        print(json.dumps([[a.tag, a.start_char, a.end_char, a.text] for a in annotations]), flush=True)


if __name__ == "__main__":
    main()
