import gzip
import io
import json

from veille.errors import InputError
from veille.read import read_paths, read_stream
from veille.records import RawArticle


def _items(*paths):
    return list(read_paths([str(p) for p in paths]))


def test_txt_html_gz_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Un article.\nSur deux lignes.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Bonjour</p></body></html>", encoding="utf-8")
    with gzip.open(tmp_path / "c.htm.gz", "wt", encoding="utf-8") as f:
        f.write("<html><body><p>Compressé</p></body></html>")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": 7, "text": "Texte", "published": "2020-01-02T10:00:00", "outlet": "X", "url": "http://u"}) + "\n"
        + json.dumps({"html": "<p>page</p>", "title": "T"}) + "\n", encoding="utf-8")
    items = _items(tmp_path)
    assert all(isinstance(i, RawArticle) for i in items)
    assert [i.text is not None for i in items] == [True, False, False, True, False]
    rec = items[3]
    assert (rec.id, rec.published, rec.source.outlet, rec.source.url) == ("7", "2020-01-02T10:00:00", "X", "http://u")
    assert items[2].html.startswith("<html>") and "Compressé" in items[2].html
    assert items[4].title == "T"


def test_bad_inputs_are_items_not_exceptions(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"}\nnot json\n{"id": 1}\n', encoding="utf-8")
    (tmp_path / "good.txt").write_text("Un texte valide.", encoding="utf-8")
    items = _items(tmp_path / "empty.txt", tmp_path / "bin.txt", tmp_path / "img.png", tmp_path / "bad.jsonl",
                   tmp_path / "good.txt", tmp_path / "missing.txt")
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["InputError", "InputError", "InputError", "RawArticle", "InputError", "InputError",
                     "RawArticle", "InputError"]
    messages = " | ".join(str(i) for i in items if isinstance(i, InputError))
    for expected in ("empty input", "binary", "unsupported file type", "not JSON", "no 'text' or 'html'", "no such file"):
        assert expected in messages
    assert "bad.jsonl:2" in messages


def test_cp1252_text_is_decoded(tmp_path):
    (tmp_path / "w.txt").write_bytes("Élysée, été".encode("cp1252"))
    (item,) = _items(tmp_path / "w.txt")
    assert item.text == "Élysée, été"


def test_stdin_jsonl_and_plain_text():
    items = list(read_stream(io.StringIO('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')))
    assert [i.id for i in items] == ["a", "b"]
    (item,) = read_stream(io.StringIO("Just some text."))
    assert item.text == "Just some text."
    (err,) = read_stream(io.StringIO(""))
    assert isinstance(err, InputError)


def test_warc_response_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, ctype, body in (("http://a.example/1", "text/html; charset=utf-8", b"<html><body><p>Un</p></body></html>"),
                                 ("http://a.example/img", "image/png", b"\x89PNG")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    items = _items(path)
    assert len(items) == 1 and items[0].source.url == "http://a.example/1" and "<p>Un</p>" in items[0].html


def test_oversized_article_is_refused_and_big_jsonl_streams(tmp_path):
    (tmp_path / "huge.txt").write_text("mot " * 3_000_000, encoding="utf-8")   # 12 MB
    (err,) = _items(tmp_path / "huge.txt")
    assert isinstance(err, InputError) and "limit" in str(err)
    lines = [json.dumps({"id": i, "text": "x" * 1000}) for i in range(20_000)]  # 20 MB dump, fine
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    n = sum(1 for i in read_paths([tmp_path / "dump.jsonl"]) if isinstance(i, RawArticle))
    assert n == 20_000


def test_stdin_jsonl_is_streamed_across_the_first_chunk():
    recs = "".join(json.dumps({"id": i, "text": "é" * 700}) + "\n" for i in range(50))
    items = list(read_stream(io.StringIO(recs)))
    assert [i.id for i in items] == [str(i) for i in range(50)]
