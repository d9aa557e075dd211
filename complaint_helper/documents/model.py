"""The document model every download is built as: blocks, sections and a generic `Document`.

Plain data, no reportlab (pdf.py renders it) and no interview knowledge (the builders in
complaint.py and filing_guide.py fill it). A new letter is a new builder producing a `Document`;
the renderer and the checks in the tests work on any of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from complaint_helper.i18n import DEFAULT_LANGUAGE

# What a character that cannot be printed is printed as.
REPLACEMENT: Final = "\ufffd"
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_UNPRINTABLE: Final = frozenset({"Cc", "Cs", "Co", "Cn"})


class RenderError(Exception):
    """A document could not be made. The web layer shows a kind message, never this text."""


def printable_text(text: str) -> str:
    """Text as every renderer prints it (pdf.py and docx.py alike): line breaks of every kind
    become "\\n"; control, surrogate, private-use and unassigned characters become U+FFFD (tabs
    and line breaks stay). Only what is printed changes; the stored text is never touched."""
    text = _NEWLINES.sub("\n", text)
    # Fast path: str.isprintable() is False for every "Other" category (Cc, Cf, Cs, Co, Cn).
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return "".join(
        char if char in "\n\t" or unicodedata.category(char) not in _UNPRINTABLE else REPLACEMENT
        for char in text
    )


Variant = Literal["board", "advocate", "anonymous"]
VARIANTS: tuple[Variant, ...] = ("board", "advocate", "anonymous")

ParagraphStyle = Literal["body", "own_words", "note", "small", "letter_line", "heading"]


@dataclass(frozen=True)
class Paragraph:
    """Plain text (never markup). `own_words` is the person's text, printed unedited."""

    text: str
    style: ParagraphStyle = "body"


@dataclass(frozen=True)
class Notice:
    """Something the person must act on before sending, printed in a visible box."""

    text: str


@dataclass(frozen=True)
class KeyValues:
    """Label/value rows, such as the professional's details or one exhibit's facts."""

    rows: tuple[tuple[str, str], ...]
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class SignatureLines:
    """Lines to fill in by hand: (label, prefilled value or "" for a blank line)."""

    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Notice | KeyValues | Table | BulletList | SignatureLines | PageBreak


@dataclass(frozen=True)
class Section:
    """One part of the document. `key` is stable (tests and the renderer use it)."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = True


@dataclass(frozen=True)
class Document:
    """A whole document: its sections in order, the line printed at the top of every page, and
    the language it is written in (its words were made under `i18n.use_language(language)`; the
    renderer writes "page X of Y" and the PDF's language tag in it too)."""

    variant: Variant
    sections: tuple[Section, ...]
    # Printed at the top of every page; "" = the renderer's "Draft — confidential".
    running_header: str = ""
    language: str = DEFAULT_LANGUAGE

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def plain_text(self) -> str:
        """Every word of the document in reading order (for checks and for the text preview)."""
        out: list[str] = []
        for section in self.sections:
            out.append(section.title)
            for block in section.blocks:
                out.extend(block_text(block))
        return "\n".join(out)


@dataclass(frozen=True)
class PrintedPage:
    """One page of the printable exhibit bundle: a cover sheet's blocks, an image to print, or
    (neither) a placeholder an exhibit PDF's page is laid onto. `footer` is printed at its foot."""

    footer: str
    title: str = ""
    blocks: tuple[Block, ...] = ()
    image: bytes | None = None


# The name the complaint layer has always used; every download is a `Document`.
ComplaintDocument = Document


def block_text(block: Block) -> list[str]:
    """A block's words as lines of plain text."""
    if isinstance(block, Paragraph | Notice):
        return [block.text]
    if isinstance(block, KeyValues):
        return [block.title, *(f"{key}: {value}" for key, value in block.rows)]
    if isinstance(block, Table):
        return [" | ".join(block.header), *(" | ".join(row) for row in block.rows)]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, SignatureLines):
        return [f"{label}: {value}" for label, value in block.lines]
    return []
