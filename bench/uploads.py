"""The worst uploads we can build within the limits of `imports/reader.py`, each read by an importer in a fresh
process: the server's memory before, at its peak and after (resident set, from /proc), and the seconds taken.

Goal (issue 28): no upload within the limits raises the memory by more than ~100 MB or holds a core for more
than a few seconds, and the memory is given back afterwards. Files beyond the limits must be refused quickly.

Usage: .venv/bin/python -m bench.uploads            (all cases, a table)
       .venv/bin/python -m bench.uploads --case NAME (one case, as JSON; what the table runs per case)
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import io
import json
import random
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from imports.reader import DEFAULT, Limits
from imports.xlsx_zelfscan import LIMITS as SCAN_LIMITS

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORDS = ["".join(random.Random(n).choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3 + n % 8)) for n in range(2000)]


def _column(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:length]


def workbook(sheets: dict[str, str], shared: list[str] | None = None, styles: str | None = None) -> bytes:
    """An .xlsx from sheet XML bodies (the <sheetData> content and what follows it), written by hand so that
    each part is exactly as large as the case needs."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        if shared is not None:
            overrides += (
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>'
            )
        if styles is not None:
            overrides += (
                '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                'spreadsheetml.styles+xml"/>'
            )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/>' + overrides + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, start=1)
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
            f"{entries}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        extra = ""
        if shared is not None:
            extra += f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
            items = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN_NS}" count="{len(shared)}">{items}</sst>')
        if styles is not None:
            extra += f'<Relationship Id="rIdT" Type="{REL_NS}/styles" Target="styles.xml"/>'
            z.writestr("xl/styles.xml", styles)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}{extra}</Relationships>',
        )
        for i, body in enumerate(sheets.values(), start=1):
            z.writestr(
                f"xl/worksheets/sheet{i}.xml", f'<worksheet xmlns="{MAIN_NS}"><sheetData>{body}</sheetData></worksheet>'
            )
    return out.getvalue()


def rows(count: int, columns: int, cell: Callable[[int, int], str]) -> str:
    return "".join(
        f'<row r="{r}">' + "".join(cell(r, c) for c in range(columns)) + "</row>" for r in range(1, count + 1)
    )


def inline(r: int, c: int, text: str) -> str:
    return f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def number(r: int, c: int, value: float) -> str:
    return f'<c r="{_column(c)}{r}"><v>{value}</v></c>'


# --- the cases ------------------------------------------------------------------------------------------


def most_text(limits: Limits) -> bytes:
    """One sheet at the importer's cell limit, every cell a text of ~250 characters."""
    rng = random.Random(1)
    count = limits.max_cells // 12 - 1
    return workbook({"Vragen": rows(count, 12, lambda r, c: inline(r, c, _text(rng, 250)))})


def shared_texts(limits: Limits) -> bytes:
    """The shared-text part at its limit (5 MB of distinct short texts), all used by one sheet at the cell limit."""
    rng = random.Random(2)
    shared: list[str] = []
    size = 0
    while size < limits.max_strings - 200_000:
        shared.append(_text(rng, 20) + str(len(shared)))
        size += len(shared[-1]) + 16
    cells = rows(
        limits.max_cells // 12 - 1,
        12,
        lambda r, c: f'<c r="{_column(c)}{r}" t="s"><v>{(r * 12 + c) % len(shared)}</v></c>',
    )
    return workbook({"Vragen": cells}, shared=shared)


def many_sheets(limits: Limits) -> bytes:
    """As many visible sheets at the cell limit as fit the unpacked limit, none holding the questions: the
    zelfscan importer looks at every one to find them."""
    body = rows(limits.max_cells // 12 - 1, 12, lambda r, c: number(r, c, r * 13 + c))
    count = max(1, min(limits.max_sheets, (limits.max_unzipped - 100_000) // len(body)))
    return workbook({f"Blad {n}": body for n in range(1, count + 1)})


def formatted_rows(limits: Limits) -> bytes:
    """The questions, then as many rows carrying only a format as fit the unpacked limit (templates do this)."""
    top = '<row r="1">' + inline(1, 0, "Gemeente") + inline(1, 2, "Aadorp") + "</row>"
    header = (
        '<row r="3">'
        + "".join(inline(3, c, t) for c, t in enumerate(["Nr", "Standaard", "Blok", "Vraag", "Antwoord"]))
        + "</row>"
    )
    questions = "".join(
        f'<row r="{3 + n}">'
        + number(3 + n, 0, n)
        + inline(3 + n, 3, f"vraag {n}")
        + inline(3 + n, 4, "op orde")
        + "</row>"
        for n in range(1, 32)
    )
    empty = "".join(
        f'<row r="{r}" s="1" customFormat="1"><c r="E{r}" s="1"/></row>'
        for r in range(40, 40 + (limits.max_unzipped - 200_000) // 70)
    )
    return workbook({"Vragen": top + header + questions + empty})


def many_styles(limits: Limits) -> bytes:
    """A style part just within its limit (openpyxl reads every style, even read-only)."""
    count = limits.max_styles // 150
    fonts = '<fonts count="1"><font><sz val="11"/></font></fonts>'
    fills = '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    borders = '<borders count="1"><border/></borders>'
    formats = "".join(
        f'<numFmt numFmtId="{164 + n}" formatCode="0.{"0" * (n % 9)}&quot;x{n}&quot;"/>' for n in range(count)
    )
    xfs = "".join(
        f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' for n in range(count)
    )
    styles = (
        f'<styleSheet xmlns="{MAIN_NS}"><numFmts count="{count}">{formats}</numFmts>{fonts}{fills}{borders}'
        f'<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="{count}">{xfs}</cellXfs></styleSheet>'
    )
    cells = rows(50, 5, lambda r, c: f'<c r="{_column(c)}{r}" s="{(r * 5 + c) % count}"><v>{r}</v></c>')
    return workbook({"Vragen": cells}, styles=styles)


def over_cell_limit(limits: Limits) -> bytes:
    """Beyond the limits: the issue's example, 200 × 1,000 numbers (refused while streaming)."""
    return workbook({"Vragen": rows(1000, 200, lambda r, c: number(r, c, r * 7 + c))})


def zip_bomb(limits: Limits) -> bytes:
    """Beyond the limits: a sheet of 400 MB of spaces, packed to well under a megabyte."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN_NS}"/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b" " * 1_000_000
            for _ in range(400):
                sheet.write(block)
    return out.getvalue()


def entity_bomb(limits: Limits) -> bytes:
    """Beyond the limits: nested XML entities (a billion laughs) in the sheet."""
    doctype = (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    data = workbook({"Vragen": '<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>'})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = doctype.encode() + body
            target.writestr(info, body)
    return out.getvalue()


def figures_csv(limits: Limits) -> bytes:
    """A CSV of figures at the row and column limits (5,000 lines of 100 columns)."""
    lines = ["indicator;gemeente;periode;waarde;" + ";".join(f"k{n}" for n in range(96))]
    lines += [f"vt-overdrachten;Aadorp;2025;{r};" + ";".join(str(r * n) for n in range(96)) for r in range(1, 5000)]
    return "\r\n".join(lines).encode()


CASES: dict[str, tuple[Callable[[Limits], bytes], str]] = {
    "meeste-tekst": (most_text, "zelfscan"),
    "gedeelde-teksten": (shared_texts, "zelfscan"),
    "veel-bladen": (many_sheets, "zelfscan"),
    "opgemaakte-regels": (formatted_rows, "zelfscan"),
    "veel-stijlen": (many_styles, "zelfscan"),
    "cijfers-csv": (figures_csv, "cijfers"),
    "meeste-tekst-als-cijfers": (most_text, "cijfers"),
    "te-veel-cellen": (over_cell_limit, "zelfscan"),
    "zip-bom": (zip_bomb, "zelfscan"),
    "entiteiten": (entity_bomb, "zelfscan"),
}


def _rss_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _read(data: bytes, importer: str, file_name: str) -> str:
    from imports.indicator_figures import read_figures
    from imports.xlsx_zelfscan import read_workbook
    from indicators.models import Unit

    try:
        if importer == "zelfscan":
            parsed = read_workbook(data, file_name=file_name)
            return f"gelezen: {parsed.answered} antwoorden, {len(parsed.problems)} problemen"
        figures = read_figures(data, file_name, {"vt-overdrachten": Unit.COUNT}, ["Aadorp"])
        return f"gelezen: {len(figures.figures)} cijfers, {len(figures.problems)} problemen"
    except ValueError as exc:  # the reader's and the importers' refusals
        return "geweigerd: " + str(exc)[:70]


def one(name: str) -> dict:
    make, importer = CASES[name]
    data = make(SCAN_LIMITS if importer == "zelfscan" else DEFAULT)
    file_name = "cijfers.csv" if name.endswith("csv") else f"{name}.xlsx"
    _read(b"", importer, "leeg.xlsx")  # warm up: imports loaded
    gc.collect()
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc_trim(0)
    before = _rss_mb("VmRSS")
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # reset the peak to now
    started = time.monotonic()
    outcome = _read(data, importer, file_name)
    seconds = time.monotonic() - started
    peak = _rss_mb("VmHWM")
    gc.collect()
    after = _rss_mb("VmRSS")
    return {
        "case": name,
        "importer": importer,
        "size_mb": round(len(data) / 1024 / 1024, 2),
        "seconds": round(seconds, 2),
        "before_mb": round(before),
        "peak_mb": round(peak),
        "after_mb": round(after),
        "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=sorted(CASES))
    args = parser.parse_args()
    if args.case:
        print(json.dumps(one(args.case)))
        return
    print(f"{'geval':26} {'leest':9} {'MB':>5} {'s':>6} {'voor':>5} {'piek':>5} {'na':>5}  uitkomst")
    for name in CASES:
        done = subprocess.run(
            [sys.executable, "-m", "bench.uploads", "--case", name], capture_output=True, text=True, check=True
        )
        r = json.loads(done.stdout)
        print(
            f"{r['case']:26} {r['importer']:9} {r['size_mb']:5.2f} {r['seconds']:6.2f} {r['before_mb']:5} "
            f"{r['peak_mb']:5} {r['after_mb']:5}  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
