"""The four fictional stories of shared/stories.md as `Answers` factories (fixtures, demos).

Composites written for testing; no real person. Each stresses a different path through the
interview.
"""

from __future__ import annotations

from collections.abc import Callable

from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceItem, PersonWhoKnows, TimelineEvent


def make_maya() -> Answers:
    """California psychologist, during therapy; files under her own name; one attachment."""
    a = Answers()
    a.set("therapy", "state", "CA")
    a.set("therapy", "telehealth", "some")
    a.set("therapy", "started", ApproxDate.of_month(2021, 3))
    a.set("therapy", "status", "ended")
    a.set("therapy", "ended", ApproxDate.of_month(2022, 10, circa=True))
    a.set("therapy", "frequency", "weekly")
    a.set("therapy", "setting", "private_practice")
    a.set("professional", "name", "Dr. Alan Whitcombe, PhD")
    a.set("professional", "profession", "psychologist")
    a.set("professional", "license_number", "PSY 99999")
    a.set("professional", "practice_name", "Whitcombe Psychological Services")
    a.set("professional", "practice_address", "100 Example Street, Suite 2\nSacramento, CA 95814")
    a.set(
        "what-happened",
        "conduct",
        [
            "sexual_contact",
            "body_comments",
            "touching",
            "special_treatment",
            "outside_meetings",
            "contact_between_sessions",
            "own_intimate_life",
        ],
    )
    a.set(
        "your-account",
        "account",
        "I started seeing Dr. Whitcombe in March 2021 for anxiety. After a few months he began "
        "commenting on how I looked and told me I was not like his other clients.\n\n"
        "In the summer he started texting me at night. By November he stopped charging me. In "
        "spring 2022 he moved my sessions to 7 pm, the last of the evening, and they ran long. "
        "On 14 June 2022 he kissed me at the end of a session. Around August and September 2022 "
        "there was sexual contact in his office, twice. I stopped going around October 2022.",
    )
    a.timeline = [
        TimelineEvent("t1", ApproxDate.of_month(2021, 3), "First session", "His office"),
        TimelineEvent("t2", ApproxDate.of_season(2021, "summer"), "Texts at night begin"),
        TimelineEvent("t3", ApproxDate.of_month(2021, 11), "He stops charging fees"),
        TimelineEvent("t4", ApproxDate.of_season(2022, "spring"), "Sessions moved to 7 pm"),
        TimelineEvent("t5", ApproxDate.exact(2022, 6, 14), "He kisses me in session", "His office"),
        TimelineEvent(
            "t6", ApproxDate.of_month(2022, 8, circa=True), "Sexual contact", "His office"
        ),
        TimelineEvent(
            "t7", ApproxDate.of_month(2022, 9, circa=True), "Sexual contact", "His office"
        ),
        TimelineEvent("t8", ApproxDate.of_month(2022, 10, circa=True), "I stop going"),
    ]
    a.evidence = [
        EvidenceItem(
            "e1",
            "messages",
            "214 text messages from him (screenshots)",
            ApproxDate.of_year(2021).to(ApproxDate.of_year(2022)),
            "On my phone",
        ),
        EvidenceItem("e2", "bills", "Bank statements showing payments stopped", ApproxDate()),
        EvidenceItem("e3", "gifts_cards", "A card he gave me", ApproxDate.of_year(2022)),
        EvidenceItem("e4", "journal", "My journal from 2022", ApproxDate.of_year(2022)),
    ]
    a.people = [
        PersonWhoKnows(
            "p1", "Lucía Delgado-Reyes", "told_at_time", "October 2022", "I told her everything"
        ),
        PersonWhoKnows("p2", "", "later_therapist", "Since 2023", "My current therapist"),
    ]
    a.set("impact", "impact", "I stopped trusting doctors and could not start therapy for a year.")
    a.set("what-you-want", "wishes", ["board_complaint", "police"])
    a.set("about-you", "identity", "include")
    a.set("about-you", "name", "Maya Delgado-Reyes")
    a.set("about-you", "email", "maya.example@example.org")
    a.set("about-you", "phone", "(916) 555-0100")
    a.set("about-you", "address", "1 Sample Lane\nSacramento, CA 95816")
    a.chosen_boards = []
    return a


def make_sam() -> Answers:
    """New York LCSW; relationship after therapy "ended"; anonymous draft; approximate dates."""
    a = Answers()
    a.set("therapy", "state", "NY")
    a.set("therapy", "telehealth", "some")
    a.set("therapy", "started", ApproxDate.of_month(2019, 1))
    a.set("therapy", "status", "ended")
    a.set("therapy", "ended", ApproxDate.of_month(2020, 6))
    a.set("therapy", "frequency", "fortnightly")
    a.set("professional", "name", "Jesse Example, LCSW")
    a.set("professional", "profession", "social_worker")
    a.set(
        "what-happened",
        "conduct",
        ["contact_between_sessions", "own_intimate_life", "relationship_after"],
    )
    a.set("after-therapy", "ended_by_therapist", "yes")
    a.set("after-therapy", "what_they_said", "We can't be friends while I'm your therapist.")
    a.set("after-therapy", "relationship_began", ApproxDate.of_month(2020, 8))
    a.set("after-therapy", "relationship_ended", ApproxDate.of_year(2021, circa=True))
    a.set(
        "your-account",
        "account",
        "My therapist ended our sessions in June 2020, saying we could not be friends while they "
        "were my therapist. Two months later we were in a relationship.",
    )
    a.timeline = [
        TimelineEvent("t1", ApproxDate.of_season(2019, "winter"), "Messages on social media begin"),
        TimelineEvent("t2", ApproxDate.of_season(2020, "spring"), "Sessions move to video"),
        TimelineEvent("t3", ApproxDate.of_month(2020, 8), "Relationship begins"),
        TimelineEvent("t4", ApproxDate.of_year(2021, circa=True), "Relationship ends"),
    ]
    a.evidence = [
        EvidenceItem("e1", "social_media", "Direct messages", ApproxDate.of_year(2019)),
        EvidenceItem(
            "e2", "appointments", "A shared calendar invite", ApproxDate.of_month(2020, 8)
        ),
    ]
    a.people = [PersonWhoKnows("p1", "Robin", "witness", "2020", "Saw us together")]
    a.set("about-you", "identity", "later")
    return a


def make_jordan() -> Answers:
    """Texas client, DO psychiatrist practising from Oklahoma by video; therapy still ongoing."""
    a = Answers()
    a.set("therapy", "state", "TX")
    a.set("therapy", "telehealth", "all")
    a.set("therapy", "therapist_state", "OK")
    a.set("therapy", "started", ApproxDate.of_year(2023))
    a.set("therapy", "status", "ongoing")
    a.set("therapy", "frequency", "monthly")
    a.set("therapy", "setting", "online_platform")
    a.set("professional", "name", "Dr. Casey Example, DO")
    a.set("professional", "profession", "psychiatrist")
    a.set("professional", "degree", "do")
    a.set("professional", "other_states", "Oklahoma")
    a.set("what-happened", "conduct", ["sexual_comments", "body_comments", "outside_meetings"])
    a.set(
        "your-account",
        "account",
        "During video appointments they kept asking about my sex life, even after I changed the "
        "subject. They commented on my body and asked me to meet for coffee.",
    )
    a.evidence = [
        EvidenceItem("e1", "appointments", "Appointment times from the patient portal"),
        EvidenceItem("e2", "emails", "Emails asking to meet for coffee"),
    ]
    a.set("about-you", "identity", "include")
    a.set("about-you", "name", "Jordan Example")
    return a


PRIYA_LINE = "No recuerdo la fecha exacta; él se llamaba Σωκράτης, creo. 🌧️ "


def make_priya(words: int = 5_000) -> Answers:
    """Ohio, "a counselor at a clinic" around 2016; almost all skipped; a long mixed account."""
    a = Answers()
    a.set("therapy", "state", "OH")
    a.set("therapy", "started", ApproxDate.of_year(2016, circa=True))
    a.set("therapy", "ended", ApproxDate())
    a.set("therapy", "setting", "clinic")
    a.set("professional", "profession", "not_sure")
    a.set("professional", "practice_name", "A counseling clinic")
    base = (
        "I don't remember most of the dates. It was a counselor at a clinic. "
        "I remember the room and how it felt. "
    )
    paragraphs: list[str] = []
    count = 0
    while count < words:
        paragraph = base * 4 + PRIYA_LINE
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    a.set("your-account", "account", "\n\n".join(paragraphs))
    a.timeline = [TimelineEvent("t1", ApproxDate(), "Sessions at the clinic")]
    a.set("about-you", "identity", "later")
    return a


STORIES: dict[str, Callable[..., Answers]] = {
    "maya": make_maya,
    "sam": make_sam,
    "jordan": make_jordan,
    "priya": make_priya,
}
