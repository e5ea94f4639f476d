"""A small LRU cache for counts and facets, invalidated when the database file changes.

Counting matches and grouping the facets are the costly part of a search page
(the result page itself is an indexed LIMIT query). The same searches repeat
(the landing page, a popular name), so their counts are kept until the store
is written again: the key includes the size and modification time of the
database file and its WAL.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def file_version(path: Path) -> tuple[int, ...]:
    out: list[int] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{path}{suffix}")
            out += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            out += [0, 0]
    return tuple(out)


class ResultCache:
    def __init__(self, path: Path, maxsize: int = 512) -> None:
        self.path = path
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, key: Hashable, value: Any) -> None:
        full = (file_version(self.path), key)
        with self._lock:
            self._items[full] = value
            self._items.move_to_end(full)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        full = (file_version(self.path), key)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
        value = compute()  # outside the lock: two threads may compute once each, never block each other
        with self._lock:
            self._items[full] = value
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value
