"""Helpers for ingest tests: a stand-in analyzer (so tests do not depend on what the analyzer
finds today), a page of our own, and a tiny HTTP handler serving fixed routes."""

from __future__ import annotations

import http.server

from sumber.model import Analysis, Article


def fake_analyzer(article: Article, language: str | None = None) -> Analysis:
    """Stand-in for sumber.analyze: records the language, extracts nothing."""
    article.language = language or article.language or "id"
    if "MELEDAK" in article.text:
        raise RuntimeError("simulated analyzer crash")
    return Analysis(article=article)


PAGE = ("<html><head><title>Banjir di Kota Contoh</title></head><body><article><h1>Banjir di Kota Contoh</h1>"
        "<p>Hujan deras sejak Senin malam membuat sungai meluap dan merendam tiga kelurahan di Kota Contoh.</p>"
        "<p>Kepala dinas setempat mengatakan sekitar dua ratus warga telah mengungsi ke balai desa terdekat.</p>"
        "<p>Petugas masih mendata kerusakan rumah dan jalan yang terdampak genangan air setinggi lutut.</p>"
        "</article></body></html>").encode()


class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - http.server API
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass
