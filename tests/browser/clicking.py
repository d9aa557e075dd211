"""A person at the browser who knows nothing of the app's addresses: after opening the printed
launch link they only click, type, choose and upload (never `goto`, never a typed URL).

`Person` walks the interview the way the pages lead: it reads each page's heading to know where it
is, answers from a story (tests/stories.py, as `Answers`) through the labels the page shows, and
presses the page's own buttons. Journey tests build on it.

A person reads the app in one language (`language`, English unless said): every word they look
for — headings, labels, buttons, links — is the app's own word in that language, looked up through
the same catalogs the pages use (`say` for the pages' words, `shown` for the step table's lazy
labels), so the same walk works in Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from complaint_helper.i18n import DEFAULT_LANGUAGE, gettext, use_language
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, AnswerValue
from complaint_helper.interview.steps import STEPS, Question, Step
from tests.conftest import PASSPHRASE


@cache
def headings(language: str = DEFAULT_LANGUAGE) -> dict[str, Step]:
    """Each interview page's heading, as it reads in `language` -> its step."""
    found: dict[str, Step] = {}
    with use_language(language):
        for step in STEPS:
            if step.kind == "questions" and len(step.questions) == 1:
                found[str(step.questions[0].label)] = step  # the one question is the heading
            else:
                found[str(step.title)] = step
        lookup = next(s for s in STEPS if s.slug == "license-lookup")
        found[gettext("How to look up a license")] = lookup
        found[gettext("You can stop at any time")] = next(
            s for s in STEPS if s.slug == "still-seeing"
        )
    return found


STEP_BY_HEADING = headings()
LIST_KINDS = ("events", "evidence", "people")


@dataclass
class Person:
    """One browser tab, driven by clicks and keys only."""

    page: Any
    language: str = DEFAULT_LANGUAGE

    # -- the words the person reads ----------------------------------------------------------------
    def say(self, message: str, **variables: Any) -> str:
        """A word of the app's pages (its English msgid) as this person's pages show it."""
        with use_language(self.language):
            return gettext(message, **variables)

    def shown(self, text: object) -> str:
        """A label of the step table (a lazy string) as this person's pages show it."""
        with use_language(self.language):
            return str(text)

    # -- looking ---------------------------------------------------------------------------------
    def heading(self) -> str:
        return str(self.page.locator("h1").first.inner_text()).strip()

    def main_text(self) -> str:
        return str(self.page.locator("main").inner_text())

    def case_bar(self) -> Any:
        return self.page.get_by_role("navigation", name=self.say("Your case"))

    # -- acting ----------------------------------------------------------------------------------
    def click(self, role: str, name: str, *, exact: bool = True) -> None:
        """Press a link or button by its accessible name (as shown); waits for the page it
        leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role(role, name=name, exact=exact).first.click()

    def click_link(self, name: str) -> None:
        self.click("link", name)

    def press(self, name: str) -> None:
        self.click("button", name)

    # -- cases -----------------------------------------------------------------------------------
    def start_a_case(self, nickname: str) -> None:
        """From the welcome page: create a case; the person lands on their progress."""
        self.click_link(self.say("Start or open a case"))
        self.click_link(self.say("Start a new case"))
        self.page.get_by_label(self.say("Give the case a nickname")).fill(nickname)
        self.page.get_by_label(self.say("Passphrase"), exact=True).fill(PASSPHRASE)
        self.page.get_by_label(self.say("Type the passphrase again")).fill(PASSPHRASE)
        self.press(self.say("Create the case"))
        assert self.heading() == self.say("Your progress")

    def open_case(self, nickname: str) -> None:
        """From the case list: open a case with its passphrase; lands on the progress page."""
        row = self.page.get_by_role("row").filter(has_text=nickname)
        with self.page.expect_navigation():
            row.get_by_role("link").first.click()
        self.page.get_by_label(self.say("Passphrase"), exact=True).fill(PASSPHRASE)
        self.press(self.say("Open the case"))
        assert self.heading() == self.say("Your progress")

    # -- the interview ---------------------------------------------------------------------------
    def current_step(self) -> Step:
        heading = self.heading()
        known = headings(self.language)
        assert heading in known, f"an unexpected page: {heading!r}"
        return known[heading]

    def answer_step(self, step: Step, story: Answers, files: dict[str, Path]) -> None:
        """Give the story's answers on this page (a list page: add each item)."""
        if step.kind == "questions":
            values = story.values.get(step.slug, {})
            for question in step.questions:
                if question.name in values:
                    self.answer(self.page, question, values[question.name])
        elif step.kind in LIST_KINDS:
            for item in self.items_of(step, story):
                self.add_item(step)
                form = self.page.locator("form#answers")
                for question in step.item_questions:
                    value = getattr(item, question.name)
                    if value and not (isinstance(value, ApproxDate) and not value.is_known):
                        self.answer(form, question, value)
                item_id = getattr(item, "evidence_id", "")
                if item_id in files:
                    form.locator("input[type=file]").first.set_input_files(files[item_id])
                self.press(
                    self.shown(step.item_words.save) if step.item_words else self.say("Save")
                )
                assert self.heading() == self.shown(step.title)

    def add_item(self, step: Step) -> None:
        """A list page's link to add an item ("Add an event", or "Add another event")."""
        if step.item_words is None:
            self.click("link", self.say("Add"), exact=False)
            return
        names = (self.shown(step.item_words.add_first), self.shown(step.item_words.add_another))
        with self.page.expect_navigation():
            self.page.get_by_role(
                "link", name=re.compile("^(" + "|".join(map(re.escape, names)) + ")$")
            ).first.click()

    @staticmethod
    def items_of(step: Step, story: Answers) -> list[Any]:
        if step.kind == "events":
            return list(story.timeline)
        if step.kind == "evidence":
            return list(story.evidence)
        return list(story.people)

    def answer(self, scope: Any, question: Question, value: AnswerValue) -> None:
        if question.kind in ("text", "textarea"):
            assert isinstance(value, str)
            scope.get_by_label(self.shown(question.label), exact=True).fill(value)
        elif question.kind == "state":
            assert isinstance(value, str)
            scope.get_by_label(self.shown(question.label), exact=True).select_option(value)
        elif question.kind in ("choice", "choices"):
            group = scope.get_by_role("group", name=self.shown(question.label), exact=True)
            for key in value if isinstance(value, list) else [value]:
                assert isinstance(key, str)
                with use_language(self.language):
                    label = str(question.choice_label(key))
                group.get_by_label(label, exact=True).check()
        else:
            assert isinstance(value, ApproxDate)
            group = scope.get_by_role("group", name=self.shown(question.label), exact=True)
            if not value.is_known and value.until is None:
                group.get_by_label(self.say("I don't remember"), exact=True).check()
                return
            self.date_point(scope, question.name, value)
            if value.until is not None:
                self.date_point(scope, f"{question.name}-end", value.until)

    @staticmethod
    def date_point(scope: Any, prefix: str, point: ApproxDate) -> None:
        if point.day:
            scope.locator(f"#{prefix}-day").fill(str(point.day))
        if point.month and point.granularity in ("exact", "month"):
            scope.locator(f"#{prefix}-month").select_option(str(point.month))
        if point.season and point.granularity == "season":
            scope.locator(f"#{prefix}-season").select_option(point.season)
        if point.year:
            scope.locator(f"#{prefix}-year").fill(str(point.year))
        if point.circa:
            scope.locator(f"#{prefix}-circa").check()

    def walk_interview(self, story: Answers, files: dict[str, Path]) -> Iterator[Step]:
        """From "Before you start" to "Check your answers", answering every page on the way and
        pressing its main button; yields each step as it is reached."""
        while True:
            step = self.current_step()
            yield step
            if step.kind == "review":
                return
            self.answer_step(step, story, files)
            self.press(
                self.say("Start" if step.slug == "before-you-start" else "Save and continue")
            )
