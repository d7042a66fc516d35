"""The store interface and the SQL both backends share.

Every query the CLI, exporters, linker and web API need lives here, written
once with ``?`` placeholders; a backend supplies the connection, transactions,
full-text search and a few dialect details.  Readers get plain dicts (booleans
as ``bool``, unknown dates as ``None``) so results compare equal across
backends.  Listings use keyset pagination: a cursor is the last row's sort key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Callable

from sumber.errors import StoreError
from sumber.model import Analysis, Link, analysis_from_dict
from sumber.store.query import (
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    Page,
    PlaceFilter,
    decode_cursor,
    encode_cursor,
    like_pattern,
)
from sumber.store.rows import Prepared, fold, now_iso, prepare
from sumber.store.schema import ARTICLE_COLUMNS, CHILD_COLUMNS, LATEST, MIGRATIONS

_CHUNK = 500
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_BOOL_COLUMNS = ("anonymous", "hedged", "direct_quote", "approximate")
_DATE_COLUMNS = ("date",)
MAX_PAGE = 10_000
# Columns of the article, claim and event listings (``{t}``: the claim or event table's alias).
_ARTICLE_HEAD = ("a.id, a.seq, a.url, a.title, a.outlet, a.language, a.published, a.date, a.crawled, "
                 "a.extractor, a.source, a.ingested")
_CLAIM_COLUMNS = ("{t}.article_id, {t}.ord, {t}.id, {t}.date, {t}.source, {t}.source_kind, {t}.source_name, "
                  "{t}.anonymous, {t}.cue, {t}.cue_lemma, {t}.stance, {t}.hedged, {t}.direct_quote, {t}.content, "
                  "{t}.content_start, {t}.content_end, {t}.via, {t}.channel, {t}.addressee, {t}.time, "
                  "a.language, a.published, a.outlet, a.url, a.title")
_EVENT_COLUMNS = ("{t}.article_id, {t}.ord, {t}.id, {t}.date, {t}.type, {t}.mode, {t}.status, {t}.trigger, "
                  "{t}.trigger_start, {t}.trigger_end, {t}.actor, {t}.actor_ref, {t}.actor_kind, {t}.target, "
                  "{t}.target_ref, {t}.target_kind, {t}.place, {t}.country, {t}.admin1, {t}.latitude, {t}.longitude, "
                  "{t}.precision, {t}.time, {t}.time_granularity, {t}.quantity, {t}.quantity_text, {t}.attribution, "
                  "a.language, a.published, a.outlet, a.url, a.title")


@dataclass
class SourceMark:
    """An input fully ingested: a file (fingerprint = size and mtime) or a URL."""

    key: str
    fingerprint: str
    kind: str
    articles: int


@dataclass
class WriteResult:
    new: int = 0
    existing: int = 0
    replaced: int = 0


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    for k in _BOOL_COLUMNS:
        if k in row and row[k] is not None:
            row[k] = bool(row[k])
    for k in _DATE_COLUMNS:
        if row.get(k) == "":
            row[k] = None
    return row


def _chunks(seq: Sequence[Any], size: int | None = None) -> Iterator[Sequence[Any]]:
    size = size or _CHUNK
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _limit(limit: int | None) -> int:
    if limit is None:
        return 100
    if limit < 1 or limit > MAX_PAGE:
        raise StoreError(f"page size {limit} is outside 1..{MAX_PAGE}")
    return limit


class Store(AbstractContextManager):
    """Articles, analyses and links, with the queries everything else reads through.

    Open one with ``sumber.open_store(url)``.  Writes happen in ``write`` (one
    transaction per call), so an interrupted ingest leaves whole batches only.
    """

    dialect = ""
    url = ""

    # -- backend primitives -------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _execmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _text_match(self, table: str, alias: str, query: str) -> tuple[str, list[Any]]:
        """SQL condition: the row of ``table`` (articles or claims) matches the full-text query."""
        raise NotImplementedError

    def _insert_search(self, prepared: Sequence[Prepared]) -> None:
        """Index newly inserted articles and claims for full-text search."""
        raise NotImplementedError

    def _unindex_search(self, article_id: str) -> None:
        """Remove an article (and its claims) from full-text search before deleting it."""

    def _applied_versions(self) -> set[int]:
        raise NotImplementedError

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------
    def migrate(self, target: int | None = None) -> int:
        """Apply pending migrations up to ``target`` (default: latest), in one transaction; returns the version."""
        target = LATEST if target is None else target
        with self.transaction():
            self._lock_schema()
            applied = self._applied_versions()
            newest = max(applied, default=0)
            if newest > LATEST:
                raise StoreError(f"{self.url}: schema version {newest} is newer than this sumber supports ({LATEST}); "
                                 "upgrade sumber")
            for m in MIGRATIONS:
                if m.version in applied or m.version > target:
                    continue
                for stmt in m.statements(self.dialect):
                    self._exec(stmt)
                self._exec("INSERT INTO schema_migrations (version, description, applied) VALUES (?, ?, ?)",
                           (m.version, m.description, now_iso()))
        return self.schema_version()

    def _lock_schema(self) -> None:
        """Keep concurrent migrators apart (SQLite's BEGIN IMMEDIATE already does)."""

    def schema_version(self) -> int:
        return max(self._applied_versions(), default=0)

    # -- writing --------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(r["id"] for r in self._rows(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def source_fingerprints(self, keys: Iterable[str]) -> dict[str, str]:
        """Fingerprints of inputs already ingested completely, by key."""
        keys = list(dict.fromkeys(keys))
        out: dict[str, str] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for r in self._rows(f"SELECT key, fingerprint FROM sources WHERE key IN ({marks})", chunk):
                out[r["key"]] = r["fingerprint"]
        return out

    def write(self, records: Sequence[Prepared | Analysis], sources: Sequence[SourceMark] = (),
              replace: bool = False) -> WriteResult:
        """Store analyses (and mark inputs done) in one transaction; existing ids are kept unless ``replace``."""
        prepared = [r if isinstance(r, Prepared) else prepare(r) for r in records]
        result = WriteResult()
        with self.transaction():
            existing = self.existing_ids(p.article_id for p in prepared)
            todo: list[Prepared] = []
            seen: set[str] = set()
            for p in prepared:
                if p.article_id in seen:
                    result.existing += 1
                    continue
                seen.add(p.article_id)
                if p.article_id in existing:
                    if not replace:
                        result.existing += 1
                        continue
                    self._delete(p.article_id)
                    result.replaced += 1
                else:
                    result.new += 1
                todo.append(p)
            if todo:
                self._insert(todo)
            if sources:
                self._execmany(
                    "INSERT INTO sources (key, fingerprint, kind, articles, ingested) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, kind = excluded.kind, "
                    "articles = excluded.articles, ingested = excluded.ingested",
                    [(s.key, s.fingerprint, s.kind, s.articles, now_iso()) for s in sources])
        return result

    def _insert(self, prepared: Sequence[Prepared]) -> None:
        stamp = now_iso()
        cols = ARTICLE_COLUMNS
        self._execmany(
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) ON CONFLICT (id) DO NOTHING",
            [tuple(stamp if c == "ingested" else p.article[c] for c in cols) for p in prepared])
        self._execmany("INSERT INTO analyses (article_id, analysis, analyzer, analyzed) VALUES (?, ?, ?, ?)",
                       [(p.article_id, p.analysis_json, p.analyzer, stamp) for p in prepared])
        for table, columns in CHILD_COLUMNS.items():
            rows = [r for p in prepared for r in p.children.get(table, ())]
            if rows:
                quoted = ", ".join(f'"{c}"' for c in columns)
                self._execmany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})", rows)
        self._insert_search(prepared)

    def _delete(self, article_id: str) -> None:
        self._unindex_search(article_id)
        for table in CHILD_COLUMNS:
            self._exec(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._exec("DELETE FROM analyses WHERE article_id = ?", (article_id,))
        self._exec("DELETE FROM articles WHERE id = ?", (article_id,))

    def delete_article(self, article_id: str) -> bool:
        """Remove an article, its analysis and rows (links to it are kept). True if it existed."""
        with self.transaction():
            if not self.existing_ids([article_id]):
                return False
            self._delete(article_id)
        return True

    # -- articles and analyses -------------------------------------------------
    def counts(self) -> dict[str, int]:
        tables = ("articles", "claims", "events", "places", "mentions", "times", "quantities", "links", "sources")
        return {t: int(self._rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in tables}

    def max_seq(self) -> int:
        """The latest ingest marker: pass it later to ``iter_analyses(after_seq=...)`` to read only newer articles."""
        rows = self._rows("SELECT max(seq) AS m FROM articles")
        return int(rows[0]["m"] or 0)

    def resolve_id(self, prefix: str) -> str:
        """The article id that is ``prefix`` or starts with it (unique); StoreError otherwise."""
        prefix = prefix.strip()
        if not re.fullmatch(r"[0-9a-f]{4,64}", prefix):
            raise StoreError(f"'{prefix}' is not an article id (at least 4 hex digits)")
        rows = self._rows("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (prefix, prefix + "g"))
        if not rows:
            raise StoreError(f"no article with id '{prefix}' in {self.url}")
        if len(rows) > 1 and rows[0]["id"] != prefix:
            raise StoreError(f"article id '{prefix}' is ambiguous; give more digits")
        return rows[0]["id"]

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article row (with ``seq``, ``ingested`` and ``provenance``), or None."""
        rows = self._rows("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        row = {k: v for k, v in rows[0].items() if k not in ("search", "claims_text")}
        row["provenance"] = self._rows(
            'SELECT kind, text, name, start, "end" FROM provenance WHERE article_id = ? ORDER BY ord', (article_id,))
        return _clean(row)

    def get_analysis(self, article_id: str) -> Analysis | None:
        rows = self._rows("SELECT analysis FROM analyses WHERE article_id = ?", (article_id,))
        return analysis_from_dict(json.loads(rows[0]["analysis"])) if rows else None

    def iter_analyses(self, after_seq: int | None = None, order: str = "seq", batch: int = 200,
                      raw: bool = False, filter: ArticleFilter | None = None) -> Iterator[tuple[int, Any]]:
        """``(seq, Analysis)`` pairs in ingest order (``after_seq``: only newer ones) or id order.

        Reads in keyset batches, so memory stays flat on any corpus. ``raw`` gives
        the JSON dict instead of rebuilt records.
        """
        if order not in ("seq", "id"):
            raise StoreError(f"order must be 'seq' or 'id', not '{order}'")
        last: Any = after_seq if order == "seq" else None
        where, params = self._article_where(filter or ArticleFilter(), "a", "a.date")
        while True:
            conds, args = list(where), list(params)
            if last is not None:
                conds.append(f"a.{order} > ?")
                args.append(last)
            sql = (f"SELECT a.seq, a.id, n.analysis FROM articles a JOIN analyses n ON n.article_id = a.id"
                   f"{' WHERE ' + ' AND '.join(conds) if conds else ''} ORDER BY a.{order} LIMIT ?")
            rows = self._rows(sql, [*args, batch])
            for r in rows:
                d = json.loads(r["analysis"])
                yield int(r["seq"]), (d if raw else analysis_from_dict(d))
            if len(rows) < batch:
                return
            last = rows[-1][order]

    def _where(self, f: Any, date_col: str, text_table: str, text_alias: str) -> tuple[list[str], list[Any]]:
        """The article filters of a listing plus its full-text condition, if any."""
        conds, params = self._article_where(f, "a", date_col)
        if f.text:
            c, p = self._text_match(text_table, text_alias, f.text)
            conds.append(c)
            params.extend(p)
        return conds, params

    def _article_where(self, f: ArticleFilter, alias: str, date_col: str) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if f.since:
            conds.append(f"{date_col} >= ?")
            params.append(f.since)
        if f.until:
            conds.append(f"{date_col} <> '' AND {date_col} <= ?")
            params.append(f.until)
        if f.lang:
            conds.append(f"{alias}.language = ?")
            params.append(f.lang)
        if f.outlet:
            conds.append(f"{alias}.outlet = ?")
            params.append(f.outlet)
        if f.articles:
            conds.append(f"{alias}.id IN ({','.join('?' * len(f.articles))})")
            params.extend(f.articles)
        return conds, params

    def articles(self, filter: ArticleFilter | None = None, limit: int | None = 100, cursor: str | None = None) -> Page:
        """Articles newest first (by publication day), without their text; ``filter.text`` is full-text search."""
        f = filter or ArticleFilter()
        conds, params = self._where(f, "a.date", "articles", "a")
        key = decode_cursor(cursor, 2)
        if key:
            conds.append("(a.date < ? OR (a.date = ? AND a.id > ?))")
            params.extend([key[0], key[0], key[1]])
        n = _limit(limit)
        sql = (f"SELECT {_ARTICLE_HEAD} FROM articles a"
               f"{' WHERE ' + ' AND '.join(conds) if conds else ''} ORDER BY a.date DESC, a.id LIMIT ?")
        rows = self._rows(sql, [*params, n + 1])
        return self._page(rows, n, lambda r: [r["date"], r["id"]])

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Many articles' listing rows (no text) by id, a few queries in all; unknown ids are left out."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            sql = f"SELECT {_ARTICLE_HEAD} FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})"
            out.update((r["id"], _clean(r)) for r in self._rows(sql, chunk))
        return out

    def _rows_at(self, select: str, table: str, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Rows of ``table`` (alias ``t``) by ``(article_id, id)``, later ``ord`` winning a repeated id."""
        wanted = list(dict.fromkeys((a, i) for a, i in keys if i))
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for chunk in _chunks(wanted):
            # The keys as a joined table, probing the (article_id, ord) index once per key; the always-true
            # "ord >= 0" keeps SQLite from building a throw-away index over the whole table instead.
            sql = (f"WITH k (article, item) AS (VALUES {', '.join(['(?, ?)'] * len(chunk))}) SELECT {select} "
                   f"FROM k JOIN {table} t ON t.article_id = k.article AND t.ord >= 0 AND t.id = k.item "
                   "JOIN articles a ON a.id = t.article_id ORDER BY t.article_id, t.ord")
            for r in self._rows(sql, [x for key in chunk for x in key]):
                out[(r["article_id"], r["id"])] = _clean(r)
        return out

    def claims_at(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Claim rows (as ``claims()`` lists them) by ``(article_id, attribution id)``, a few queries for any number."""
        return self._rows_at(_CLAIM_COLUMNS.format(t="t"), "claims", keys)

    def events_at(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Event rows (as ``events()`` lists them) by ``(article_id, event id)``, a few queries for any number."""
        return self._rows_at(_EVENT_COLUMNS.format(t="t"), "events", keys)

    def _page(self, rows: list[dict[str, Any]], n: int, key: Callable[[dict[str, Any]], list[Any]]) -> Page:
        more = len(rows) > n
        rows = rows[:n]
        cursor = encode_cursor(key(rows[-1])) if more and rows else None
        return Page([_clean(r) for r in rows], cursor)

    # -- claims, events, places --------------------------------------------------
    def claims(self, filter: ClaimFilter | None = None, limit: int | None = 100, cursor: str | None = None) -> Page:
        """Attributed statements, newest first; ``filter.text`` searches the claim's source and content."""
        f = filter or ClaimFilter()
        conds, params = self._where(f, "c.date", "claims", "c")
        if f.source:
            conds.append("c.source_fold LIKE ? ESCAPE '\\'")
            params.append(like_pattern(fold(f.source)))
        if f.stance:
            conds.append("c.stance = ?")
            params.append(f.stance)
        if f.about:
            sub = "SELECT 1 FROM claim_about x WHERE x.article_id = c.article_id AND x.claim_ord = c.ord AND "
            if _COUNTRY.match(f.about):
                conds.append(f"EXISTS ({sub}x.ref = ?)")
                params.append(f.about)
            else:
                conds.append(f"EXISTS ({sub}(x.ref = ? OR x.name_fold LIKE ? ESCAPE '\\'))")
                params.extend([f.about, like_pattern(fold(f.about))])
        if f.linked:
            # One EXISTS per end so each uses its index (the PK for a, links_b for b); "|| ''" keeps
            # SQLite from choosing the PK by kind alone for the b end, which scans every link of that kind.
            conds.append("(EXISTS (SELECT 1 FROM links l WHERE l.kind = ? AND l.a_article = c.article_id AND l.a_item = c.id)"
                         " OR EXISTS (SELECT 1 FROM links l WHERE l.b_article = c.article_id AND l.b_item = c.id"
                         " AND l.kind || '' = ?))")
            params.extend([f.linked, f.linked])
        return self._dated_page("claims", "c", _CLAIM_COLUMNS, conds, params, cursor, limit)

    def events(self, filter: EventFilter | None = None, limit: int | None = 100, cursor: str | None = None) -> Page:
        """Events newest first (event day, else publication day); ``filter.text`` searches their articles."""
        f = filter or EventFilter()
        conds, params = self._where(f, "e.date", "articles", "a")
        if f.type:
            conds.append("e.type = ?")
            params.append(f.type.upper())
        if f.status:
            conds.append("e.status = ?")
            params.append(f.status)
        if f.country:
            conds.append("e.country = ?")
            params.append(f.country.upper())
        if f.about:
            if _COUNTRY.match(f.about):
                conds.append("(e.actor_ref = ? OR e.target_ref = ?)")
                params.extend([f.about, f.about])
            else:
                conds.append("e.about_fold LIKE ? ESCAPE '\\'")
                params.append(like_pattern(fold(f.about)))
        return self._dated_page("events", "e", _EVENT_COLUMNS, conds, params, cursor, limit)

    def _dated_page(self, table: str, t: str, columns: str, conds: list[str], params: list[Any],
                    cursor: str | None, limit: int | None) -> Page:
        """One page of claim or event rows, newest first, after the keyset ``cursor``."""
        key = decode_cursor(cursor, 3)
        if key:
            conds.append(f"({t}.date < ? OR ({t}.date = ? AND ({t}.article_id > ? OR ({t}.article_id = ? AND {t}.ord > ?))))")
            params.extend([key[0], key[0], key[1], key[1], key[2]])
        n = _limit(limit)
        sql = (f"SELECT {columns.format(t=t)} FROM {table} {t} JOIN articles a ON a.id = {t}.article_id"
               f"{' WHERE ' + ' AND '.join(conds) if conds else ''} ORDER BY {t}.date DESC, {t}.article_id, {t}.ord LIMIT ?")
        rows = self._rows(sql, [*params, n + 1])
        return self._page(rows, n, lambda r: [r["date"] or "", r["article_id"], r["ord"]])

    def places(self, filter: PlaceFilter | None = None, limit: int | None = 100, cursor: str | None = None) -> Page:
        """Distinct places with how often and in how many articles they are mentioned, most mentioned first."""
        f = filter or PlaceFilter()
        conds, params = self._where(f, "p.date", "articles", "a")
        if f.country:
            conds.append("p.country = ?")
            params.append(f.country.upper())
        if f.name:
            conds.append("(p.place_key LIKE ? ESCAPE '\\')")
            params.append(like_pattern(fold(f.name)) if ":" not in f.name else f.name)
        having, hparams = "", []
        key = decode_cursor(cursor, 2)
        if key:
            having = " HAVING count(*) < ? OR (count(*) = ? AND p.place_key > ?)"
            hparams = [key[0], key[0], key[1]]
        n = _limit(limit)
        sql = ("SELECT p.place_key, min(p.name) AS name, min(p.country) AS country, min(p.admin1) AS admin1, "
               "min(p.latitude) AS latitude, min(p.longitude) AS longitude, min(p.precision) AS precision, "
               "min(p.gazetteer_id) AS gazetteer_id, count(*) AS mentions, count(DISTINCT p.article_id) AS articles, "
               "min(nullif(p.date, '')) AS first_date, max(nullif(p.date, '')) AS last_date "
               "FROM places p JOIN articles a ON a.id = p.article_id"
               f"{' WHERE ' + ' AND '.join(conds) if conds else ''} GROUP BY p.place_key{having} "
               "ORDER BY count(*) DESC, p.place_key LIMIT ?")
        rows = self._rows(sql, [*params, *hparams, n + 1])
        for r in rows:
            r["mentions"], r["articles"] = int(r["mentions"]), int(r["articles"])
        return self._page(rows, n, lambda r: [r["mentions"], r["place_key"]])

    def iterate(self, listing: str, filter: Any = None, page_size: int = 200) -> Iterator[dict[str, Any]]:
        """Every row of a listing (``articles``, ``claims``, ``events``, ``places``), page by page."""
        method = {"articles": self.articles, "claims": self.claims, "events": self.events, "places": self.places}.get(listing)
        if method is None:
            raise StoreError(f"unknown listing '{listing}'")
        cursor = None
        while True:
            page = method(filter, page_size, cursor)
            yield from page.rows
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    # -- links and markers (used by the linker, issue 3) ---------------------------
    def put_links(self, links: Iterable[Link], batch: int = 1000) -> int:
        """Insert or update links (keyed by kind and both ends); returns how many were written."""
        sql = ("INSERT INTO links (kind, a_article, a_item, b_article, b_item, a_url, b_url, score, evidence) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, a_article, a_item, b_article, b_item) DO UPDATE SET "
               "a_url = excluded.a_url, b_url = excluded.b_url, score = excluded.score, evidence = excluded.evidence")
        total = 0
        buf: list[tuple] = []

        def flush() -> None:
            with self.transaction():
                self._execmany(sql, buf)

        for link in links:
            buf.append((link.kind, link.a["article"], link.a.get("item") or "", link.b["article"], link.b.get("item") or "",
                        link.a.get("url"), link.b.get("url"), float(link.score), link.evidence or ""))
            if len(buf) >= batch:
                flush()
                total += len(buf)
                buf = []
        if buf:
            flush()
            total += len(buf)
        return total

    def _link_where(self, kind: str | None, article: str | None, item: str | None) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if kind:
            conds.append("kind = ?")
            params.append(kind)
        if article:
            if item:
                conds.append("((a_article = ? AND a_item = ?) OR (b_article = ? AND b_item = ?))")
                params.extend([article, item, article, item])
            else:
                conds.append("(a_article = ? OR b_article = ?)")
                params.extend([article, article])
        return conds, params

    def links(self, kind: str | None = None, article: str | None = None, item: str | None = None,
              limit: int | None = 100, cursor: str | None = None) -> Page:
        """Links in key order; rows follow the Link JSON contract (``a``/``b`` with article, url, item)."""
        conds, params = self._link_where(kind, article, item)
        key = decode_cursor(cursor, 5)
        if key:
            conds.append("(kind, a_article, a_item, b_article, b_item) > (?, ?, ?, ?, ?)")
            params.extend(key)
        n = _limit(limit)
        sql = (f"SELECT * FROM links{' WHERE ' + ' AND '.join(conds) if conds else ''} "
               "ORDER BY kind, a_article, a_item, b_article, b_item LIMIT ?")
        rows = self._rows(sql, [*params, n + 1])
        page = self._page(rows, n, lambda r: [r["kind"], r["a_article"], r["a_item"], r["b_article"], r["b_item"]])
        page.rows = [_link_dict(r) for r in page.rows]
        return page

    def links_at(self, ends: Iterable[tuple[str, str | None]], kinds: Sequence[str] | None = None
                 ) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
        """For many ends at once, what ``links(kind, article, item)`` lists for each (every page), in a few queries.

        An end is ``(article, item)``; item None means any item of the article, as in
        ``links()``.  Only links of ``kinds`` (default: all) are read.  Every end asked
        about gets a list, empty when nothing touches it; rows are in key order.
        """
        wanted = list(dict.fromkeys((a, i or None) for a, i in ends))
        exact = [(a, i) for a, i in wanted if i]
        whole = [a for a, i in wanted if not i]
        kinds = list(dict.fromkeys(kinds or ()))
        kind_sql = f" AND l.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        found: dict[tuple[str, ...], dict[str, Any]] = {}
        for chunk in _chunks(exact):
            # the keys as a joined table, once per end: each probe uses that end's index (links_a / links_b)
            sql = (f"WITH k (article, item) AS (VALUES {', '.join(['(?, ?)'] * len(chunk))}) "
                   + " UNION ALL ".join(f"SELECT l.* FROM k JOIN links l ON l.{side}_article = k.article "
                                        f"AND l.{side}_item = k.item{kind_sql}" for side in ("a", "b")))
            for r in self._rows(sql, [*(x for key in chunk for x in key), *kinds, *kinds]):
                found[(r["kind"], r["a_article"], r["a_item"], r["b_article"], r["b_item"])] = r
        for chunk in _chunks(whole):
            marks = ",".join("?" * len(chunk))
            sql = " UNION ALL ".join(f"SELECT l.* FROM links l WHERE l.{side}_article IN ({marks}){kind_sql}"
                                     for side in ("a", "b"))
            for r in self._rows(sql, [*chunk, *kinds, *chunk, *kinds]):
                found[(r["kind"], r["a_article"], r["a_item"], r["b_article"], r["b_item"])] = r
        out: dict[tuple[str, str | None], list[dict[str, Any]]] = {end: [] for end in wanted}
        whole_set = set(whole)
        for key in sorted(found):
            link = _link_dict(found[key])
            # the ends this link touches: (article, item), or (article, None) for an article-level end
            ends_hit = {(key[1], key[2] or None), (key[3], key[4] or None)}
            if whole_set:
                ends_hit.update((x, None) for x in (key[1], key[3]) if x in whole_set)
            for end in ends_hit:
                rows = out.get(end)
                if rows is not None:
                    rows.append(link)
        return out

    def iter_links(self, kind: str | None = None, article: str | None = None) -> Iterator[Link]:
        cursor = None
        while True:
            page = self.links(kind, article, None, 1000, cursor)
            for d in page.rows:
                yield Link(**d)
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def delete_links(self, kind: str | None = None, article: str | None = None) -> None:
        conds, params = self._link_where(kind, article, None)
        with self.transaction():
            self._exec(f"DELETE FROM links{' WHERE ' + ' AND '.join(conds) if conds else ''}", params)

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            self._exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (key, value))


def _link_dict(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": r["kind"],
        "a": {"article": r["a_article"], "url": r["a_url"], "item": r["a_item"] or None},
        "b": {"article": r["b_article"], "url": r["b_url"], "item": r["b_item"] or None},
        "score": float(r["score"]),
        "evidence": r["evidence"],
    }
