"""Stable code values used in the database, in display order.

Names for people live in the catalogs under `code.<list>.<value>`; the
values themselves never change once released, because bundles and old
database files carry them.
"""

from __future__ import annotations

GENDER = ("woman", "man", "other", "not_told")
AGE_GROUP = ("under_25", "25_29", "30_54", "55_plus")
CLIENT_STATUS = ("draft", "active", "exited")
LABOUR_STATUS = ("unemployed", "long_term_unemployed", "inactive", "employed_at_risk",
                 "student", "other")
EDUCATION_LEVEL = ("isced_0_2", "isced_3_4", "isced_5_8")
LANGUAGE_LEVEL = ("native", "fluent", "good", "basic")
DIGITAL_SKILLS = ("none", "basic", "good", "advanced")

# Where a contact happens (ui.md and issue 4): at the desk, phone, remote,
# chat/e-mail, or outreach away from the desk.
CHANNEL = ("desk", "phone", "video", "chat_email", "outreach")
SERVICE_TYPE = ("service_guidance", "job_search_coaching", "digital_advice", "company_visit",
                "recruitment_service", "purchased_service_guidance", "group_coaching",
                "digital_workshop", "other")
APPOINTMENT_KIND = ("individual", "group", "company_visit")
APPOINTMENT_STATUS = ("scheduled", "arrived", "completed", "cancelled_by_client",
                      "cancelled_by_staff", "missed", "walk_in")
ATTENDANCE = ("registered", "attended", "absent")

REFERRAL_KIND = ("rehabilitative_work", "work_trial", "labour_market_training", "short_course",
                 "card_training", "pay_subsidised_work", "apprenticeship", "open_market_job",
                 "purchased_service")
REFERRAL_STATUS = ("planned", "started", "completed", "interrupted")
# Card trainings named in domain.md.
CARDS = ("hygiene_passport", "occupational_safety_card", "first_aid", "road_safety_card",
         "hot_work_card", "alcohol_licence", "forklift_card")

EXIT_OUTCOME = ("employed_open_market", "self_employed", "education", "pay_subsidised",
                "apprenticeship", "active_job_search", "rehabilitative_work", "unemployed",
                "outside_labour_force", "moved_or_unknown")
EMPLOYMENT_KIND = ("open_market", "self_employed", "pay_subsidised", "apprenticeship")

EMPLOYER_KIND = ("company", "association", "municipality", "other")
WORKING_TIME = ("full_time", "part_time", "shift", "seasonal", "flexible")
EMPLOYMENT_TERM = ("permanent", "fixed_term", "summer", "pay_subsidised", "apprenticeship")
JOB_STATUS = ("open", "filled", "closed")
MATCH_STATUS = ("proposed", "contacted", "interview", "offered", "hired", "not_selected",
                "withdrawn")

SURVEY_STATEMENT = ("smooth_meetings", "respectful", "met_needs", "useful", "digital_easy")
ASSESSMENT_PHASE = ("start", "exit")
ASSESSMENT_DIMENSIONS = ("work_ability", "job_search_skills", "digital_skills",
                         "everyday_life", "confidence")

# Sync conflicts (schema version 3): what clashed and how a person settled it.
SYNC_CONFLICT_KIND = ("edit_edit", "delete_edit")
SYNC_RESOLUTION = ("kept", "took_other")

STAFF_ROLE = ("desk_worker", "coordinator", "admin")
DEVICE_ROLE = ("desk", "coordinator")

# Driving licence classes of the Finnish licence (Traficom): the ones a
# jobseeker profile records.
DRIVING_LICENCE = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E",
                   "D", "DE", "T")

ALL_LISTS: dict[str, tuple[str, ...]] = {
    "gender": GENDER, "age_group": AGE_GROUP, "client_status": CLIENT_STATUS,
    "labour_status": LABOUR_STATUS, "education_level": EDUCATION_LEVEL,
    "language_level": LANGUAGE_LEVEL, "digital_skills": DIGITAL_SKILLS, "channel": CHANNEL,
    "service_type": SERVICE_TYPE, "appointment_kind": APPOINTMENT_KIND,
    "appointment_status": APPOINTMENT_STATUS, "attendance": ATTENDANCE,
    "referral_kind": REFERRAL_KIND, "referral_status": REFERRAL_STATUS, "card": CARDS,
    "exit_outcome": EXIT_OUTCOME, "employment_kind": EMPLOYMENT_KIND,
    "employer_kind": EMPLOYER_KIND, "working_time": WORKING_TIME,
    "employment_term": EMPLOYMENT_TERM, "job_status": JOB_STATUS, "match_status": MATCH_STATUS,
    "survey_statement": SURVEY_STATEMENT, "assessment_phase": ASSESSMENT_PHASE,
    "assessment_dimension": ASSESSMENT_DIMENSIONS, "staff_role": STAFF_ROLE,
    "device_role": DEVICE_ROLE,
}
