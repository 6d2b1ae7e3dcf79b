"""Queries to Trino over its HTTP protocol, answered as pandas data frames.

Only the Python standard library and pandas are needed (no Trino client package). The server is
``KEYLINE_TRINO`` (default ``http://localhost:8080``, where ``deploy/local/trino.sh start``
listens) and the user ``KEYLINE_TRINO_USER`` (default ``keyline``).

Trino answers a statement in pages: each response carries some rows and the address of the
next page (``nextUri``) until the query is finished. Timestamps arrive as text and are turned
into timezone-aware pandas timestamps in UTC.
"""

import json
import os
import time
import urllib.error
import urllib.request

import pandas as pd

SERVER = os.environ.get("KEYLINE_TRINO", "http://localhost:8080").rstrip("/")
USER = os.environ.get("KEYLINE_TRINO_USER", "keyline")


class TrinoError(RuntimeError):
    """A query Trino refused or failed, with Trino's own message."""


def _call(request, timeout):
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        raise TrinoError(f"Trino at {SERVER} answered HTTP {e.code}: {e.read()[:500]!r}") from None
    except urllib.error.URLError as e:
        raise TrinoError(
            f"No Trino at {SERVER} ({e.reason}): start one with deploy/local/trino.sh start,"
            " or set KEYLINE_TRINO to its address"
        ) from None


def query(sql, timeout=120):
    """The rows of one SQL statement as a data frame, its columns named and typed."""
    request = urllib.request.Request(
        f"{SERVER}/v1/statement",
        data=sql.encode("utf-8"),
        headers={"X-Trino-User": USER, "Content-Type": "text/plain; charset=utf-8"},
        method="POST",
    )
    page = _call(request, timeout)
    columns, rows = None, []
    deadline = time.monotonic() + timeout
    while True:
        if "error" in page:
            error = page["error"]
            raise TrinoError(f"{error.get('errorName')}: {error.get('message')}")
        if columns is None and "columns" in page:
            columns = page["columns"]
        rows.extend(page.get("data", []))
        next_uri = page.get("nextUri")
        if next_uri is None:
            break
        if time.monotonic() > deadline:
            raise TrinoError(f"the query took longer than {timeout} s")
        page = _call(urllib.request.Request(next_uri, headers={"X-Trino-User": USER}), timeout)
    names = [c["name"] for c in columns or []]
    frame = pd.DataFrame(rows, columns=names)
    for column in columns or []:
        if column["type"].startswith("timestamp"):
            text = frame[column["name"]].str.replace(" UTC", "", regex=False)
            frame[column["name"]] = pd.to_datetime(text, utc=True)
    return frame
