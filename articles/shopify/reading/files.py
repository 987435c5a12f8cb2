"""
Export files read into records (source.py checks them): the Admin API's JSON, Matrixify's
"Blog Posts" export as CSV or XLSX, and the URL redirects export of Shopify's admin (CSV).

Files saved with a UTF-8 byte order mark (Excel's "CSV UTF-8", some editors' JSON) are read as
well. A Matrixify sheet holds one row per post (its "Top Row"), followed by one row per comment
of that post, which repeats the post's ID and fills the "Comment: ..." columns; its SEO fields
are the "Metafield: title_tag" and "Metafield: description_tag" columns. Every message names the
file and the row.
"""

import csv
import io
import json
from pathlib import Path

import openpyxl

from .source import Export, SourceError, parse_export

# Matrixify's column (before any " [type]" suffix) -> the REST field it stands for.
ARTICLE_COLUMNS = {
    "ID": "id",
    "Handle": "handle",
    "Title": "title",
    "Author": "author",
    "Body HTML": "body_html",
    "Summary HTML": "summary_html",
    "Tags": "tags",
    "Published": "published",
    "Published At": "published_at",
    "Blog: ID": "blog_id",
    "Blog: Handle": "blog_handle",
}
COMMENT_COLUMNS = {
    "Comment: ID": "id",
    "Comment: Status": "status",
    "Comment: Author": "author",
    "Comment: Email": "email",
    "Comment: Body": "body",
    "Comment: IP": "ip",
    "Comment: User Agent": "user_agent",
    "Comment: Created At": "created_at",
}
SEO_COLUMNS = {"Metafield: title_tag": "title_tag", "Metafield: description_tag": "description_tag"}
REDIRECT_COLUMNS = ({"Redirect from": "path", "Redirect to": "target"}, {"Path": "path", "Target": "target"})
INTEGER_FIELDS = {"id", "blog_id", "article_id"}
TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0", ""}


def read_files(paths):
    """Every file's records, checked; SourceError on the first file that is not an export."""
    export = Export()
    for path in map(Path, paths):
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            export.extend(read_sheet(path, xlsx_rows(path)))
        elif suffix == ".csv":
            export.extend(read_sheet(path, csv_rows(path)))
        else:
            export.extend(parse_export(read_json(path), str(path)))
    return export


def read_text(path):
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}).") from error


def read_json(path):
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise SourceError(f"{path}: not valid JSON ({error}).") from error


def csv_rows(path):
    return list(csv.reader(io.StringIO(read_text(path), newline="")))


def xlsx_rows(path):
    """The first sheet's rows, values as the cells hold them (Matrixify puts one entity per file)."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror}).") from error
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not XLSX
        raise SourceError(f"{path}: not an XLSX workbook ({error}).") from error
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_sheet(path, rows):
    """A Matrixify Blog Posts sheet or a redirects sheet, by its header."""
    if not rows:
        raise SourceError(f"{path}: the file is empty.")
    header = [column_name(cell) for cell in rows[0]]
    body = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]
    for columns in REDIRECT_COLUMNS:
        if set(columns) <= set(header):
            return parse_export({"redirects": records(header, body, columns)}, str(path))
    if not {"ID", "Handle", "Title"} <= set(header):
        raise SourceError(
            f"{path}: not a Matrixify Blog Posts export (no ID, Handle and Title columns) "
            'nor a redirects export ("Redirect from", "Redirect to").'
        )
    return blog_posts(path, header, body)


def column_name(cell):
    """A header cell without Matrixify's type suffix ("Metafield: title_tag [string]")."""
    return str(cell or "").split(" [", 1)[0].strip()


def records(header, body, columns):
    found = []
    for number, row in body:
        record = {"_row": number}
        for name, value in zip(header, row, strict=False):
            if name in columns:
                record[columns[name]] = cell_value(columns[name], value)
        found.append(record)
    return found


def cell_value(name, value):
    """A cell as the JSON export would hold it: numbers for ids, true/false, text for the rest."""
    if value is None or isinstance(value, bool):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if name in INTEGER_FIELDS:
        text = str(value).strip()
        return int(float(text)) if text.replace(".", "", 1).isdigit() else (text or None)
    if name == "published":
        word = str(value).strip().lower()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else str(value)
    return str(value)


def blog_posts(path, header, body):
    """Posts (their top rows), their comments (every row with a comment id) and SEO metafields."""
    articles, comments, metafields = {}, [], []
    for record, comment, seo in zip(
        records(header, body, ARTICLE_COLUMNS),
        records(header, body, COMMENT_COLUMNS),
        records(header, body, SEO_COLUMNS),
        strict=True,
    ):
        article_id = record.get("id")
        if article_id not in articles:
            articles[article_id] = record
            metafields += [
                {
                    "_row": seo["_row"],
                    "owner_id": article_id,
                    "namespace": "global",
                    "key": key,
                    "value": value,
                }
                for key, value in seo.items()
                if key != "_row" and value
            ]
        if comment.get("id") is not None:
            comments.append({**comment, "article_id": article_id})
    export = parse_export({"articles": list(articles.values())}, str(path))
    export.extend(parse_export({"comments": comments}, str(path)))
    export.extend(parse_export({"metafields": metafields}, str(path)))
    return export
