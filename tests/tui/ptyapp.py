"""The real app in a pseudo-terminal, for tests that need real keyboard timing."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLS, ROWS = 110, 32


def catalog_with(folder: Path, name: str, questions: list[dict[str, object]]) -> Path:
    """The shipped toezichtkader plus one vragenlijst of `questions` in one section."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "vragenlijsten" / "toezichtkader.yaml", folder / "toezichtkader.yaml")
    qs = {"kind": "vragenlijst", "id": name, "version": 1, "title": name, "role": name,
          "role_label": name, "source": "casusregisseur", "level": "casus",
          "framework": "lokaal-netwerk-na-veilig-thuis", "intro": "Test.", "consent": "Akkoord?",
          "sections": [{"id": "alles", "title": "Alles", "questions": questions}]}
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(qs, allow_unicode=True), encoding="utf-8")
    return folder


class PtyApp:
    """`python -m interviewer --db DB` in a pty; `output` is everything it wrote so far."""

    def __init__(self, db: Path, catalog: Path) -> None:
        env = {**os.environ, "INTERVIEWER_VRAGENLIJSTEN": str(catalog), "TERM": "xterm-256color",
               "COLUMNS": str(COLS), "LINES": str(ROWS), "PYTHONPATH": str(ROOT / "src")}
        env.pop("INTERVIEWER_PASSPHRASE", None)
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal, then become the app
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(sys.executable, [sys.executable, "-m", "interviewer", "--db", str(db)], env)
        self.pid, self.fd = pid, fd
        self.output = b""

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: str, since: int = 0, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        needle = text.encode()
        while time.monotonic() < deadline:
            if needle in self.output[since:]:
                return True
            self.pump(0.05)
        return needle in self.output[since:]

    def type(self, data: bytes | str) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
