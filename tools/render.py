"""Look at a document as its reader would: as PDF pages and pictures.

.docx and .xlsx go through LibreOffice (as a person without Word would open them), PDFs are
read as they are. Poppler's tools (pdfinfo, pdffonts, pdftotext, pdftoppm) read the result.
Used by the render tests and by tools/document_images.py.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rendered:
    pdf: Path
    pages: int
    text_per_page: list[str]
    fonts: list[tuple[str, bool]]  # (name, embedded)
    properties: dict[str, str]


def to_pdf(source: Path, out_dir: Path) -> Path:
    """The PDF of a document: LibreOffice converts .docx and .xlsx; a .pdf is itself."""
    if source.suffix == ".pdf":
        return source
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: parallel runs do not share a lock
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return out_dir / (source.stem + ".pdf")


def read(pdf: Path) -> Rendered:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    properties = dict(
        (key.strip(), value.strip()) for key, _, value in (line.partition(":") for line in info.splitlines()) if value
    )
    pages = int(properties["Pages"])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    fonts_out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    fonts = []
    for line in fonts_out.splitlines()[2:]:
        match = re.match(r"(\S+)\s+.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        if match:
            fonts.append((match[1], match[2] == "yes"))
    return Rendered(pdf, pages, text.split("\f")[:pages], fonts, properties)


def page_images(pdf: Path, out_dir: Path, *, first: int = 1, last: int | None = None, width: int = 1000) -> list[Path]:
    """PNG pictures of the pages, `width` pixels wide, named <pdf stem>-<page>.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    args = ["pdftoppm", "-png", "-scale-to-x", str(width), "-scale-to-y", "-1", "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    subprocess.run([*args, str(pdf), str(out_dir / pdf.stem)], check=True, capture_output=True, timeout=120)
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))
