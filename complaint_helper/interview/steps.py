"""The step table: the one declarative definition of every question in the interview.

Each `Question` carries its id, label (a question in plain words), hint, kind, choices and limits.
The form renderer, the validation, the "Check your answers" page and the complaint document all read
these definitions, so adding a question is adding one `Question` here.

Wording follows domain.md: plain, warm, never blaming, never leading; every question may be skipped
and "I don't remember" is always a valid answer. Nothing here knows about Flask.

Every word a person reads here is a lazy translation (`i18n.lazy_gettext`): it turns into text in
the language current when it is used (the page's, or the document's), so the table is defined once
for every language. Keys, slugs and question names never change with the language; only the labels
do. Code that keeps a label (a document builder, a dictionary) takes `str()` of it at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from complaint_helper.i18n import lazy_gettext
from complaint_helper.vocabulary import DEGREE_TERMS, PROFESSION_TERMS, STATES

QuestionKind = Literal["text", "textarea", "choice", "choices", "state", "date"]
StepKind = Literal["info", "questions", "events", "evidence", "people", "review"]

# Generous limits: they protect the document and the person's machine, never their story.
SHORT_TEXT_LIMIT = 2_000
DATE_HINT = lazy_gettext(
    "Give as much as you remember: a day, a month or a season, or just the year. "
    "\u201cAround then\u201d is fine."
)
LONG_TEXT_LIMIT = 100_000
ACCOUNT_LIMIT = 2_000_000


@dataclass(frozen=True)
class Choice:
    """One option of a choice question: stored key, label, optional one-line explanation."""

    key: str
    label: str
    explanation: str = ""


@dataclass(frozen=True)
class Question:
    """One question: everything the form, the review page and the document need to know about it."""

    name: str
    label: str
    kind: QuestionKind = "text"
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    max_length: int = SHORT_TEXT_LIMIT
    # Narrative and name fields: the browser must not remember or spell-check them.
    private: bool = True
    review_label: str = ""  # shorter label for "Check your answers"; defaults to `label`
    # Date questions only: also ask when it ended ("from ... to ..."), for things that went on.
    allow_range: bool = False
    # Date questions only: the name of a date question on the same page this one cannot be before
    # (an end before a start is almost always a slip of the keyboard worth pointing out).
    not_before: str = ""

    def choice_label(self, key: str) -> str:
        for choice in self.choices:
            if choice.key == key:
                return str(choice.label)
        return key

    @property
    def short_label(self) -> str:
        return str(self.review_label or self.label)

    @property
    def options(self) -> tuple[Choice, ...]:
        """The choices as the form offers them: a single-choice question ends with NO_ANSWER."""
        if self.kind == "choice":
            return (*self.choices, NO_ANSWER)
        return self.choices


@dataclass(frozen=True)
class ItemWords:
    """What a list step's pages say about one of its items, each a whole phrase, so that a
    language can give the noun its own gender and article ("Add an event", "Agregar una prueba")."""

    add_first: str  # "Add an event": the list is empty
    add_another: str  # "Add another event"
    change: str  # "Change this event": the item page's heading
    save: str  # "Save this event": the item page's button
    delete: str  # "Delete this event": the link on the item page
    delete_question: str  # "Delete this event?": the confirm page's heading
    deleted: str  # "The event was deleted.": the message after deleting
    numbered: str  # "event %(number)s": names a row's Change and Delete links for screen readers


@dataclass(frozen=True)
class Step:
    """One page of the interview (one topic per page)."""

    slug: str
    title: str  # the page heading, as a question or plain topic
    kind: StepKind = "questions"
    intro: str = ""
    questions: tuple[Question, ...] = field(default_factory=tuple)
    # A branch step is shown only when its condition (named in interview.flow) holds.
    branch: str = ""
    # List steps (timeline, evidence, people): the questions asked about each item.
    item_questions: tuple[Question, ...] = field(default_factory=tuple)
    item_words: ItemWords | None = None  # list steps: what their pages say about an item

    def question(self, name: str) -> Question:
        for question in (*self.questions, *self.item_questions):
            if question.name == name:
                return question
        raise KeyError(name)


# ------------------------------------------------------------------------------------------------
# Choice lists (one definition each)

# Once a radio button is chosen, a browser offers no way to un-choose it. GOV.UK's radios guidance
# answers this with an explicit last option; here it means "no answer", so skipping stays possible
# after a first choice, with no JavaScript. Its key is empty: it is read exactly like a question
# left blank, and nothing is stored.
NO_ANSWER = Choice("", lazy_gettext("Skip this question"))

# Professions, degrees and states are keyed from the shared vocabulary (one definition, which
# routing and the board data read too); the labels a person sees are kept there beside the keys.
PROFESSION_CHOICES: tuple[Choice, ...] = tuple(
    Choice(p.key, p.label, p.explanation) for p in PROFESSION_TERMS
)

DEGREE_CHOICES: tuple[Choice, ...] = (
    *(Choice(d.key, d.label) for d in DEGREE_TERMS),
    Choice("not_sure", lazy_gettext("I'm not sure")),
)

CONDUCT_CHOICES: tuple[Choice, ...] = (
    Choice(
        "sexual_contact",
        lazy_gettext("Sexual contact"),
        lazy_gettext("Any sexual touching, kissing or sex, in or outside sessions."),
    ),
    Choice(
        "sexual_comments",
        lazy_gettext("Sexual comments or questions"),
        lazy_gettext("Talk or questions about sex that had nothing to do with your treatment."),
    ),
    Choice("body_comments", lazy_gettext("Comments about your body or looks")),
    Choice(
        "touching",
        lazy_gettext("Touching or hugging"),
        lazy_gettext("For example hugs at the end of sessions that became longer."),
    ),
    Choice(
        "special_treatment",
        lazy_gettext("Special treatment or favours"),
        lazy_gettext("Being told you were special, longer sessions, waived fees or gifts."),
    ),
    Choice(
        "outside_meetings",
        lazy_gettext("Meetings outside sessions"),
        lazy_gettext(
            "Late sessions, meeting away from the office, or sessions that felt like a date."
        ),
    ),
    Choice(
        "contact_between_sessions",
        lazy_gettext("Contact between sessions"),
        lazy_gettext("Texts, messages, calls or social media that were not about appointments."),
    ),
    Choice(
        "own_intimate_life",
        lazy_gettext("They shared their own intimate life"),
        lazy_gettext("Their romantic or sexual life, disappointments or longings."),
    ),
    Choice(
        "disparaging_partner",
        lazy_gettext("Putting down your partner"),
        lazy_gettext("Especially compared with themselves."),
    ),
    Choice(
        "relationship_after",
        lazy_gettext("A relationship after therapy ended"),
        lazy_gettext("Including when therapy was ended in order to start one."),
    ),
    Choice("something_else", lazy_gettext("Something else")),
)

SETTING_CHOICES: tuple[Choice, ...] = (
    Choice("private_practice", lazy_gettext("A private practice")),
    Choice("clinic", lazy_gettext("A clinic or agency")),
    Choice("hospital", lazy_gettext("A hospital")),
    Choice("school", lazy_gettext("A school, college or university")),
    Choice("online_platform", lazy_gettext("An online therapy platform")),
    Choice("other", lazy_gettext("Somewhere else")),
    Choice("not_sure", lazy_gettext("I'm not sure")),
)

FREQUENCY_CHOICES: tuple[Choice, ...] = (
    Choice("weekly", lazy_gettext("Every week (or more often)")),
    Choice("fortnightly", lazy_gettext("Every two weeks")),
    Choice("monthly", lazy_gettext("About once a month")),
    Choice("irregular", lazy_gettext("It varied")),
    Choice("not_sure", lazy_gettext("I don't remember")),
)

THERAPY_STATUS_CHOICES: tuple[Choice, ...] = (
    Choice("ended", lazy_gettext("It has ended")),
    Choice("ongoing", lazy_gettext("I'm still seeing them")),
    Choice("not_sure", lazy_gettext("I'm not sure")),
)

TELEHEALTH_CHOICES: tuple[Choice, ...] = (
    Choice("no", lazy_gettext("No, always in person")),
    Choice("some", lazy_gettext("Some sessions were by video or phone")),
    Choice("all", lazy_gettext("All sessions were by video or phone")),
    Choice("not_sure", lazy_gettext("I don't remember")),
)

YES_NO_UNSURE: tuple[Choice, ...] = (
    Choice("yes", lazy_gettext("Yes")),
    Choice("no", lazy_gettext("No")),
    Choice("not_sure", lazy_gettext("I'm not sure")),
)

EVIDENCE_KINDS: tuple[Choice, ...] = (
    Choice("messages", lazy_gettext("Text messages")),
    Choice("emails", lazy_gettext("Emails")),
    Choice("voicemails", lazy_gettext("Voicemails or recordings")),
    Choice("social_media", lazy_gettext("Social media messages or posts")),
    Choice("photos", lazy_gettext("Photos")),
    Choice("gifts_cards", lazy_gettext("Gifts, cards or letters")),
    Choice("bills", lazy_gettext("Bills, receipts or bank statements")),
    Choice("insurance", lazy_gettext("Insurance statements")),
    Choice("appointments", lazy_gettext("Appointment records or calendars")),
    Choice("journal", lazy_gettext("A journal or diary")),
    Choice("treatment_records", lazy_gettext("Your own treatment records")),
    Choice("other", lazy_gettext("Something else")),
)

PERSON_RELATIONS: tuple[Choice, ...] = (
    Choice("witness", lazy_gettext("Saw or heard something themselves")),
    Choice("told_at_time", lazy_gettext("Someone I told at the time")),
    Choice("later_therapist", lazy_gettext("A later therapist or doctor")),
    Choice("other", lazy_gettext("Someone else who knows")),
)

IDENTITY_CHOICES: tuple[Choice, ...] = (
    Choice("include", lazy_gettext("Put my name and contact details in the draft")),
    Choice(
        "later",
        lazy_gettext("Prepare the draft without them for now"),
        lazy_gettext("The draft will have clearly marked blanks you can fill in by hand."),
    ),
)

ADVOCATE_CHOICES: tuple[Choice, ...] = (
    Choice("yes", lazy_gettext("Yes, an advocate is helping me")),
    Choice("no", lazy_gettext("No")),
)

WISHES_CHOICES: tuple[Choice, ...] = (
    Choice("board_complaint", lazy_gettext("Prepare a complaint to the licensing board")),
    Choice("police", lazy_gettext("Information about reporting to the police")),
    Choice("attorney", lazy_gettext("Information about talking to a lawyer")),
    Choice(
        "ethics_committee",
        lazy_gettext("Information about a professional association's ethics committee"),
    ),
    Choice("support", lazy_gettext("Information about support for people harmed by a therapist")),
)


STATE_CHOICES: tuple[Choice, ...] = tuple(Choice(code, name) for code, name in STATES.items())


# ------------------------------------------------------------------------------------------------
# The questions asked about each item of a list step. Names match the dataclass fields in
# interview.model (TimelineEvent, EvidenceItem, PersonWhoKnows).

TIMELINE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "when",
        lazy_gettext("When did it happen?"),
        kind="date",
        hint=lazy_gettext(
            "As exactly as you remember: a day, a month, a season or a year. If it went on for "
            "a while, you can also say when it stopped."
        ),
        allow_range=True,
    ),
    Question(
        "what",
        lazy_gettext("What happened?"),
        kind="textarea",
        hint=lazy_gettext("A sentence or two is enough. Your full account goes on another page."),
        max_length=LONG_TEXT_LIMIT,
    ),
    Question(
        "where",
        lazy_gettext("Where did it happen?"),
        hint=lazy_gettext("For example, their office, or by text."),
    ),
    Question("who_else", lazy_gettext("Was anyone else there, or did anyone else see it?")),
    Question(
        "evidence_ids",
        lazy_gettext("Is any of your evidence about this?"),
        kind="choices",
        hint=lazy_gettext("Select any that apply. You can add evidence on the Evidence page."),
        private=False,
        review_label=lazy_gettext("Linked evidence"),
    ),
)

EVIDENCE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "kind",
        lazy_gettext("What kind of evidence is it?"),
        kind="choice",
        choices=EVIDENCE_KINDS,
        private=False,
    ),
    Question(
        "description",
        lazy_gettext("Describe it"),
        kind="textarea",
        hint=lazy_gettext("For example, “214 text messages from them, 2021 to 2022”."),
        max_length=LONG_TEXT_LIMIT,
    ),
    Question(
        "when", lazy_gettext("When is it from?"), kind="date", hint=DATE_HINT, allow_range=True
    ),
    Question(
        "original_kept",
        lazy_gettext("Where is the original kept?"),
        hint=lazy_gettext(
            "For example, on my phone, or in a box at home. Keep originals safe: boards "
            "only need copies."
        ),
    ),
)

PERSON_QUESTIONS: tuple[Question, ...] = (
    Question(
        "name", lazy_gettext("Their name"), hint=lazy_gettext("Optional. You can leave it out.")
    ),
    Question(
        "relation",
        lazy_gettext("How do they know?"),
        kind="choice",
        choices=PERSON_RELATIONS,
        private=False,
    ),
    Question(
        "when_told",
        lazy_gettext("When did they find out?"),
        hint=lazy_gettext("For example, October 2022."),
    ),
    Question(
        "what_they_know",
        lazy_gettext("What do they know?"),
        kind="textarea",
        max_length=LONG_TEXT_LIMIT,
    ),
    Question(
        "contact",
        lazy_gettext("How could the board reach them, if you know?"),
        hint=lazy_gettext("Optional. A phone number or email address."),
    ),
)


# ------------------------------------------------------------------------------------------------
# The steps, in order

STEPS: tuple[Step, ...] = (
    Step(
        slug="before-you-start",
        title=lazy_gettext("Before you start"),
        kind="info",
    ),
    Step(
        slug="therapy",
        title=lazy_gettext("The therapy"),
        questions=(
            Question(
                "state",
                lazy_gettext("Which state were you in during your sessions?"),
                review_label=lazy_gettext("State during the sessions"),
                kind="state",
                hint=lazy_gettext(
                    "This decides which licensing board handles a complaint. "
                    "If you moved, choose where you were for most of it."
                ),
                private=False,
            ),
            Question(
                "telehealth",
                lazy_gettext("Were any sessions by video or phone?"),
                review_label=lazy_gettext("Sessions by video or phone"),
                kind="choice",
                choices=TELEHEALTH_CHOICES,
                private=False,
            ),
            Question(
                "therapist_state",
                lazy_gettext("If the therapist was in another state, which one?"),
                review_label=lazy_gettext("Therapist's state, if different"),
                kind="state",
                hint=lazy_gettext(
                    "Leave this blank if they were in the same state as you, or you don't know."
                ),
                private=False,
            ),
            Question(
                "started",
                lazy_gettext("When did the therapy start?"),
                kind="date",
                hint=DATE_HINT,
                review_label=lazy_gettext("Therapy started"),
            ),
            Question(
                "status",
                lazy_gettext("Is the therapy still going on?"),
                review_label=lazy_gettext("Therapy still going on"),
                kind="choice",
                choices=THERAPY_STATUS_CHOICES,
                private=False,
            ),
            Question(
                "ended",
                lazy_gettext("When did it end?"),
                review_label=lazy_gettext("Therapy ended"),
                kind="date",
                hint=lazy_gettext(
                    "An approximate date is fine. Leave this blank if it is still going on."
                ),
                not_before="started",
            ),
            Question(
                "frequency",
                lazy_gettext("How often were the sessions?"),
                review_label=lazy_gettext("How often"),
                kind="choice",
                choices=FREQUENCY_CHOICES,
                private=False,
            ),
            Question(
                "setting",
                lazy_gettext("Where did the therapy take place?"),
                review_label=lazy_gettext("Setting"),
                kind="choice",
                choices=SETTING_CHOICES,
                private=False,
            ),
        ),
    ),
    Step(
        slug="still-seeing",
        title=lazy_gettext("You can stop at any time"),
        kind="info",
        branch="therapy_ongoing",
    ),
    Step(
        slug="professional",
        title=lazy_gettext("The professional"),
        questions=(
            Question(
                "name",
                lazy_gettext("What is their name?"),
                hint=lazy_gettext("As you knew it. Leave blank if you prefer."),
                review_label=lazy_gettext("Name"),
            ),
            Question(
                "profession",
                lazy_gettext("What kind of professional were they, as far as you know?"),
                review_label=lazy_gettext("Profession"),
                kind="choice",
                choices=PROFESSION_CHOICES,
                private=False,
            ),
            Question(
                "degree",
                lazy_gettext("If they were a psychiatrist: were they an MD or a DO?"),
                review_label=lazy_gettext("MD or DO"),
                kind="choice",
                choices=DEGREE_CHOICES,
                hint=lazy_gettext(
                    "It is often on their website, letters or prescription labels. Skip this if "
                    "you don't know."
                ),
                private=False,
            ),
            Question(
                "license_number",
                lazy_gettext("Their license number, if you know it"),
                review_label=lazy_gettext("License number"),
                hint=lazy_gettext("Optional. The board can find them without it."),
            ),
            Question(
                "practice_name",
                lazy_gettext("The name of their practice or clinic"),
                review_label=lazy_gettext("Practice or clinic"),
            ),
            Question(
                "practice_address",
                lazy_gettext("The address where you saw them"),
                review_label=lazy_gettext("Address"),
                kind="textarea",
                max_length=SHORT_TEXT_LIMIT,
            ),
            Question(
                "phone",
                lazy_gettext("Their work phone number, if you know it"),
                review_label=lazy_gettext("Work phone"),
            ),
            Question(
                "other_states",
                lazy_gettext("Other states they are licensed in, if you know"),
                review_label=lazy_gettext("Other states licensed in"),
                hint=lazy_gettext("For example, if they saw you by video from another state."),
                private=False,
            ),
        ),
    ),
    Step(
        slug="license-lookup",
        title=lazy_gettext("How to look up a license"),
        kind="info",
        branch="profession_unsure",
    ),
    Step(
        slug="what-happened",
        title=lazy_gettext("What happened"),
        intro=lazy_gettext("Tick anything that happened. You don't have to tick anything."),
        questions=(
            Question(
                "conduct",
                lazy_gettext("Which of these happened?"),
                review_label=lazy_gettext("What happened"),
                kind="choices",
                choices=CONDUCT_CHOICES,
                hint=lazy_gettext("Select all that apply."),
                private=False,
            ),
            Question(
                "something_else",
                lazy_gettext("If something else happened, you can describe it here"),
                review_label=lazy_gettext("Something else"),
                kind="textarea",
                max_length=LONG_TEXT_LIMIT,
            ),
        ),
    ),
    Step(
        slug="after-therapy",
        title=lazy_gettext("The relationship after therapy"),
        branch="relationship_after",
        questions=(
            Question(
                "ended_by_therapist",
                lazy_gettext("Did the therapist end the therapy before the relationship began?"),
                review_label=lazy_gettext("Therapist ended the therapy first"),
                kind="choice",
                choices=YES_NO_UNSURE,
                private=False,
            ),
            Question(
                "what_they_said",
                lazy_gettext("Did they say anything about why therapy was ending?"),
                review_label=lazy_gettext("What they said"),
                kind="textarea",
                hint=lazy_gettext("In their words, if you remember them."),
                max_length=LONG_TEXT_LIMIT,
            ),
            Question(
                "relationship_began",
                lazy_gettext("When did the relationship begin?"),
                kind="date",
                hint=DATE_HINT,
                review_label=lazy_gettext("Relationship began"),
            ),
            Question(
                "relationship_ended",
                lazy_gettext("When did it end, if it has?"),
                review_label=lazy_gettext("Relationship ended"),
                kind="date",
                not_before="relationship_began",
            ),
        ),
    ),
    Step(
        slug="your-account",
        title=lazy_gettext("In your own words"),
        questions=(
            Question(
                "account",
                lazy_gettext("Tell what happened, in your own words"),
                review_label=lazy_gettext("Your account"),
                kind="textarea",
                hint=lazy_gettext(
                    "Start wherever you like. Write as much or as little as you want. "
                    "Your words go into the draft as you write them."
                ),
                max_length=ACCOUNT_LIMIT,
            ),
        ),
    ),
    Step(
        slug="timeline",
        title=lazy_gettext("Timeline"),
        kind="events",
        intro=lazy_gettext(
            "Add the things you remember, one at a time, in any order. We put them in date "
            "order for you. Approximate dates, or none at all, are fine."
        ),
        item_questions=TIMELINE_QUESTIONS,
        item_words=ItemWords(
            add_first=lazy_gettext("Add an event"),
            add_another=lazy_gettext("Add another event"),
            change=lazy_gettext("Change this event"),
            save=lazy_gettext("Save this event"),
            delete=lazy_gettext("Delete this event"),
            delete_question=lazy_gettext("Delete this event?"),
            deleted=lazy_gettext("The event was deleted."),
            numbered=lazy_gettext("event %(number)s"),
        ),
    ),
    Step(
        slug="evidence",
        title=lazy_gettext("Evidence"),
        kind="evidence",
        intro=lazy_gettext(
            "List anything that shows what happened: messages, emails, bills, gifts, your "
            "journal. You can describe something without attaching a copy."
        ),
        item_questions=EVIDENCE_QUESTIONS,
        item_words=ItemWords(
            add_first=lazy_gettext("Add an item"),
            add_another=lazy_gettext("Add another item"),
            change=lazy_gettext("Change this item"),
            save=lazy_gettext("Save this item"),
            delete=lazy_gettext("Delete this item"),
            delete_question=lazy_gettext("Delete this item?"),
            deleted=lazy_gettext("The item was deleted."),
            numbered=lazy_gettext("item %(number)s"),
        ),
    ),
    Step(
        slug="people",
        title=lazy_gettext("People who know"),
        kind="people",
        intro=lazy_gettext(
            "Anyone who saw something, anyone you told at the time, and any later therapist "
            "or doctor. Names are optional."
        ),
        item_questions=PERSON_QUESTIONS,
        item_words=ItemWords(
            add_first=lazy_gettext("Add a person"),
            add_another=lazy_gettext("Add another person"),
            change=lazy_gettext("Change this person"),
            save=lazy_gettext("Save this person"),
            delete=lazy_gettext("Delete this person"),
            delete_question=lazy_gettext("Delete this person?"),
            deleted=lazy_gettext("The person was deleted."),
            numbered=lazy_gettext("person %(number)s"),
        ),
    ),
    Step(
        slug="impact",
        title=lazy_gettext("How this has affected you"),
        intro=lazy_gettext(
            "This is optional. Some people find it helps the board understand the harm."
        ),
        questions=(
            Question(
                "impact",
                lazy_gettext("How has this affected you?"),
                review_label=lazy_gettext("How this affected you"),
                kind="textarea",
                hint=lazy_gettext(
                    "For example your health, work, relationships or trust in getting help."
                ),
                max_length=LONG_TEXT_LIMIT,
            ),
        ),
    ),
    Step(
        slug="what-you-want",
        title=lazy_gettext("What you would like to do"),
        questions=(
            Question(
                "wishes",
                lazy_gettext("What would you like help with?"),
                review_label=lazy_gettext("Help you would like"),
                kind="choices",
                choices=WISHES_CHOICES,
                hint=lazy_gettext("Select all that apply. You can change your mind at any time."),
                private=False,
            ),
            Question(
                "requested",
                lazy_gettext("Is there anything you would like to ask the board?"),
                review_label=lazy_gettext("What you ask the board"),
                kind="textarea",
                hint=lazy_gettext(
                    "For example, that they investigate, or that they protect other clients."
                ),
                max_length=LONG_TEXT_LIMIT,
            ),
            # Read only by the note for a new therapist (documents/letters/new_therapist.py).
            Question(
                "from_therapy_now",
                lazy_gettext("If you see a new therapist, what would you like from therapy now?"),
                review_label=lazy_gettext("What you would like from therapy now"),
                kind="textarea",
                hint=lazy_gettext(
                    "Optional. For example, help with sleep, with trusting people again, or with "
                    "deciding what to do next. The complaint does not include it; only the note "
                    "for a new therapist does."
                ),
                max_length=LONG_TEXT_LIMIT,
            ),
        ),
    ),
    Step(
        slug="about-you",
        title=lazy_gettext("About you"),
        questions=(
            Question(
                "identity",
                lazy_gettext("Do you want your name and contact details in the draft?"),
                review_label=lazy_gettext("Your details in the draft"),
                kind="choice",
                choices=IDENTITY_CHOICES,
                private=False,
            ),
            Question(
                "name", lazy_gettext("Your full name"), review_label=lazy_gettext("Full name")
            ),
            Question(
                "email", lazy_gettext("Your email address"), review_label=lazy_gettext("Email")
            ),
            Question(
                "phone", lazy_gettext("Your phone number"), review_label=lazy_gettext("Phone")
            ),
            Question(
                "address",
                lazy_gettext("Your postal address"),
                review_label=lazy_gettext("Postal address"),
                kind="textarea",
                max_length=SHORT_TEXT_LIMIT,
            ),
            Question(
                "contact_notes",
                lazy_gettext("Anything the board should know about contacting you"),
                review_label=lazy_gettext("About contacting you"),
                hint=lazy_gettext("For example, times not to call, or to write rather than phone."),
                kind="textarea",
                max_length=SHORT_TEXT_LIMIT,
            ),
            Question(
                "advocate",
                lazy_gettext("Is an advocate helping you prepare this complaint?"),
                review_label=lazy_gettext("An advocate is helping"),
                kind="choice",
                choices=ADVOCATE_CHOICES,
                hint=lazy_gettext(
                    "Optional. If you say yes, the letter says in one sentence that you prepared "
                    "it with an advocate's help. It is still your complaint, in your words."
                ),
                private=False,
            ),
            Question(
                "advocate_organisation",
                lazy_gettext("If you like, the organisation they are from"),
                review_label=lazy_gettext("Advocate's organisation"),
                hint=lazy_gettext(
                    "For example, a rape crisis centre. Leave blank to keep it out of the letter."
                ),
            ),
        ),
    ),
    Step(slug="check-answers", title=lazy_gettext("Check your answers"), kind="review"),
)

STEP_BY_SLUG: dict[str, Step] = {step.slug: step for step in STEPS}


def step(slug: str) -> Step:
    """The step with this slug (KeyError if there is none)."""
    return STEP_BY_SLUG[slug]
