"""Where to turn: the words of Help > "If you're struggling or in crisis" and of the exercise-safety note.

Country-neutral on purpose: no phone number of one country is ever shown, because the person
may be anywhere. Offline: nothing here opens a connection.
"""

from __future__ import annotations

CRISIS_TITLE = "If you're struggling or in crisis"

CRISIS_PARAGRAPHS = (
    "If you may be in danger now, or might harm yourself, call your local emergency number or go to "
    "the nearest emergency department.",
    "To talk to someone today: your doctor, or a crisis line. findahelpline.com lists free, "
    "confidential lines by country; a trusted person can help you call.",
    "If things have felt heavy for a while, talking to a professional (a doctor, counsellor or "
    "therapist) or to someone you trust is a strong first step.",
    "LiftCalm is a training companion. It is not a treatment, and it cannot tell how you are.",
)

SUPPORT_CONTACTS_HINT = ("My support contacts: who you would call on a hard day, and their numbers. Kept only on "
                         "this computer, in your LiftCalm data.")

SAFETY_TITLE = "Exercise safety"

SAFETY_PARAGRAPHS = (
    "Stop at once and get medical help if you have chest pain or pressure, feel faint or dizzy, "
    "or are much more short of breath than the effort explains.",
    "Stop a set if something hurts sharply or feels wrong. Soreness the next day is common; pain "
    "during a lift is a reason to stop.",
    "If you have a heart condition, high blood pressure, are pregnant or are returning after an injury "
    "or illness, ask your doctor what is right for you.",
)

SAFETY_SHORT = ("Stop and get medical help for chest pain, fainting or severe breathlessness. "
                "Help > Exercise safety says more.")
