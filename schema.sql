-- Duunikulma database schema: the single source of truth.
--
-- A new database is created by executing this file as it is. Older files are
-- brought up to this version by store/migrations.py, one transaction per file.
--
-- Conventions (docs/data-model.md explains them):
-- * Every synced table has the same bookkeeping columns:
--     id            ULID text, created offline without coordination
--     created_at    UTC, ISO 8601 with microseconds and a trailing Z
--     updated_at    UTC, same format
--     updated_by    staff.id of whoever made the last change (NULL for the system)
--     origin_device device.id of the machine that created the row
--     version       per-row counter, +1 on every change (sync builds on it)
--     hlc           hybrid logical clock stamp of the last change
--     deleted       1 = soft-deleted; synced rows are never removed with DELETE
--   Hard DELETE on synced tables is refused by a trigger.
-- * Every change to a synced table is also appended to change_log (what,
--   when, by whom, on which machine). Bundles are cut from it and figures
--   "as of a past date" are replayed from it.
-- * Dates of events (date the meeting happened, agreement start) are separate
--   columns from the bookkeeping timestamps, as 'YYYY-MM-DD' local dates.
-- * Money is integer euro cents. Booleans are 0/1.
-- * Code values (gender, channel, statuses) are the stable codes listed in
--   src/duunikulma_tui/domain/codes.py; their names live in the catalogs.
-- * Versions: the part before the first "-- @version N" marker is version 1.
--   Each later version adds one marked section at the end; migrating a file
--   from version N-1 runs exactly that section (store/migrations.py), so this
--   file stays the only place the structure is written down.

PRAGMA user_version = 3;

-- ---------------------------------------------------------------------------
-- Local bookkeeping (never synced)
-- ---------------------------------------------------------------------------

-- Key/value facts about this machine's copy: its device id, the last HLC
-- stamp issued, the id of the operator who last signed in.
CREATE TABLE local_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Append-only audit trail written by services: who did what to which record.
-- Each row carries the SHA-256 of the previous row's hash and its own fields,
-- so an edited or removed row breaks the chain (services/audit.py verifies).
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    staff_id    TEXT,
    device_id   TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN
                  ('view_personal', 'create', 'update', 'delete', 'export',
                   'import', 'sign_in', 'reveal_identity_code')),
    table_name  TEXT,
    record_id   TEXT,
    detail      TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_record ON audit_log (table_name, record_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Every change to a synced row, in the order this machine learned of it.
-- device_id/device_seq name the change everywhere (the machine that made it
-- and its own running number), so a bundle can say "everything after n".
-- data holds the changed fields with their new values as JSON.
CREATE TABLE change_log (
    seq         INTEGER PRIMARY KEY,
    device_id   TEXT NOT NULL,
    device_seq  INTEGER NOT NULL,
    hlc         TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    data        TEXT NOT NULL,
    staff_id    TEXT,
    at          TEXT NOT NULL,
    UNIQUE (device_id, device_seq)
) STRICT;
CREATE INDEX change_log_row ON change_log (table_name, row_id, hlc);
CREATE INDEX change_log_at ON change_log (at);

-- ---------------------------------------------------------------------------
-- People and machines
-- ---------------------------------------------------------------------------

CREATE TABLE device (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'desk' CHECK (role IN ('desk', 'coordinator')),
    public_key    TEXT,
    retired_on    TEXT
) STRICT;

CREATE TABLE staff (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'desk_worker'
                    CHECK (role IN ('desk_worker', 'coordinator', 'admin')),
    title         TEXT,
    email         TEXT,
    phone         TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- A jobseeker who joins the project (client with agreement). Identity fields
-- are scrubbed in place on erasure (erased_on set), so counts survive.
CREATE TABLE client (
    id                   TEXT PRIMARY KEY,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT,
    origin_device        TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    hlc                  TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    status               TEXT NOT NULL DEFAULT 'draft'
                           CHECK (status IN ('draft', 'active', 'exited')),
    first_name           TEXT NOT NULL,
    last_name            TEXT NOT NULL,
    identity_code        TEXT,
    birth_date           TEXT,
    birth_year           INTEGER,
    gender               TEXT NOT NULL DEFAULT 'not_told'
                           CHECK (gender IN ('woman', 'man', 'other', 'not_told')),
    native_language      TEXT,
    municipality         TEXT,
    street_address       TEXT,
    postal_code          TEXT,
    post_office          TEXT,
    phone                TEXT,
    email                TEXT,
    responsible_staff_id TEXT REFERENCES staff (id),
    consent_processing_on TEXT,
    consent_share_employers_on TEXT,
    disability           INTEGER CHECK (disability IN (0, 1)),
    foreign_background   INTEGER CHECK (foreign_background IN (0, 1)),
    digital_skills       TEXT CHECK (digital_skills IN ('none', 'basic', 'good', 'advanced')),
    skills               TEXT NOT NULL DEFAULT '[]',
    driving_licences     TEXT NOT NULL DEFAULT '',
    working_time_wish    TEXT CHECK (working_time_wish IN
                           ('full_time', 'part_time', 'shift', 'seasonal', 'flexible')),
    max_travel_km        INTEGER CHECK (max_travel_km >= 0),
    outside_service_model INTEGER NOT NULL DEFAULT 0 CHECK (outside_service_model IN (0, 1)),
    note                 TEXT,
    erased_on            TEXT
) STRICT;
CREATE UNIQUE INDEX client_identity_code ON client (identity_code)
    WHERE identity_code IS NOT NULL AND deleted = 0;
CREATE INDEX client_name ON client (last_name, first_name);
CREATE INDEX client_status ON client (status, responsible_staff_id);

CREATE TABLE client_language (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id     TEXT NOT NULL REFERENCES client (id),
    language      TEXT NOT NULL,
    level         TEXT NOT NULL DEFAULT 'basic'
                    CHECK (level IN ('native', 'fluent', 'good', 'basic'))
) STRICT;
CREATE INDEX client_language_client ON client_language (client_id);

-- Occupations sought: codes of Ammattiluokitus 2010 (ISCO-08 based) unit groups.
CREATE TABLE client_occupation (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    origin_device   TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    hlc             TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id       TEXT NOT NULL REFERENCES client (id),
    occupation_code TEXT NOT NULL
) STRICT;
CREATE INDEX client_occupation_client ON client_occupation (client_id);
CREATE INDEX client_occupation_code ON client_occupation (occupation_code);

-- Cards and licences (hygiene passport, occupational safety card, ...).
CREATE TABLE client_card (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id     TEXT NOT NULL REFERENCES client (id),
    card          TEXT NOT NULL CHECK (card IN ('hygiene_passport', 'occupational_safety_card',
                    'first_aid', 'road_safety_card', 'hot_work_card', 'alcohol_licence',
                    'forklift_card')),
    expires_on    TEXT
) STRICT;
CREATE INDEX client_card_client ON client_card (client_id);

-- One agreement period of a client; a client may have several, kept apart.
-- Exit (end date, outcome) is recorded on the period it closes.
CREATE TABLE agreement_period (
    id                 TEXT PRIMARY KEY,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT,
    origin_device      TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    hlc                TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id          TEXT NOT NULL REFERENCES client (id),
    start_date         TEXT NOT NULL,
    end_date           TEXT,
    labour_status      TEXT NOT NULL
                         CHECK (labour_status IN ('unemployed', 'long_term_unemployed',
                           'inactive', 'employed_at_risk', 'student', 'other')),
    unemployed_since   TEXT,
    job_search_start   TEXT,
    education_level    TEXT CHECK (education_level IN ('isced_0_2', 'isced_3_4', 'isced_5_8')),
    exit_outcome       TEXT CHECK (exit_outcome IN ('employed_open_market',
                         'self_employed', 'education', 'pay_subsidised', 'apprenticeship',
                         'active_job_search', 'rehabilitative_work', 'unemployed',
                         'outside_labour_force', 'moved_or_unknown')),
    employment_over_3_months INTEGER CHECK (employment_over_3_months IN (0, 1)),
    exit_note          TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX agreement_period_client ON agreement_period (client_id, start_date);
CREATE INDEX agreement_period_dates ON agreement_period (start_date, end_date);

-- Client-change self-assessment (1-10 on five dimensions) at start or exit.
CREATE TABLE self_assessment (
    id                TEXT PRIMARY KEY,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT,
    origin_device     TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    hlc               TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id         TEXT NOT NULL REFERENCES client (id),
    period_id         TEXT REFERENCES agreement_period (id),
    phase             TEXT NOT NULL CHECK (phase IN ('start', 'exit')),
    assessed_on       TEXT NOT NULL,
    work_ability      INTEGER CHECK (work_ability BETWEEN 1 AND 10),
    job_search_skills INTEGER CHECK (job_search_skills BETWEEN 1 AND 10),
    digital_skills    INTEGER CHECK (digital_skills BETWEEN 1 AND 10),
    everyday_life     INTEGER CHECK (everyday_life BETWEEN 1 AND 10),
    confidence        INTEGER CHECK (confidence BETWEEN 1 AND 10)
) STRICT;
CREATE INDEX self_assessment_client ON self_assessment (client_id);

-- Served without agreement: a walk-in or caller helped once, minimal data.
CREATE TABLE quick_contact (
    id                 TEXT PRIMARY KEY,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT,
    origin_device      TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    hlc                TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    contact_date       TEXT NOT NULL,
    contact_time       TEXT,
    staff_id           TEXT REFERENCES staff (id),
    channel            TEXT NOT NULL CHECK (channel IN ('desk', 'phone', 'video', 'chat_email', 'outreach')),
    service_type       TEXT NOT NULL CHECK (service_type IN ('service_guidance', 'job_search_coaching', 'digital_advice', 'company_visit',
                      'recruitment_service', 'purchased_service_guidance', 'group_coaching',
                      'digital_workshop', 'other')),
    minutes            INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    name               TEXT,
    gender             TEXT CHECK (gender IN ('woman', 'man', 'other', 'not_told')),
    age_group          TEXT CHECK (age_group IN ('under_25', '25_29', '30_54', '55_plus')),
    note               TEXT,
    promoted_client_id TEXT REFERENCES client (id)
) STRICT;
CREATE INDEX quick_contact_date ON quick_contact (contact_date);

-- Satisfaction survey answers; anonymous unless client_id is given.
CREATE TABLE survey_answer (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id     TEXT REFERENCES client (id),
    answered_on   TEXT NOT NULL,
    statement     TEXT NOT NULL CHECK (statement IN ('smooth_meetings',
                    'respectful', 'met_needs', 'useful', 'digital_easy')),
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX survey_answer_date ON survey_answer (answered_on);

-- ---------------------------------------------------------------------------
-- Employers, providers and jobs
-- ---------------------------------------------------------------------------

CREATE TABLE employer (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    business_id   TEXT,
    name          TEXT NOT NULL,
    industry      TEXT,
    kind          TEXT NOT NULL DEFAULT 'company'
                    CHECK (kind IN ('company', 'association', 'municipality', 'other')),
    municipality  TEXT,
    street_address TEXT,
    postal_code   TEXT,
    phone         TEXT,
    email         TEXT,
    note          TEXT
) STRICT;
CREATE UNIQUE INDEX employer_business_id ON employer (business_id)
    WHERE business_id IS NOT NULL AND deleted = 0;
CREATE INDEX employer_name ON employer (name);

CREATE TABLE employer_contact (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    employer_id   TEXT NOT NULL REFERENCES employer (id),
    name          TEXT NOT NULL,
    role          TEXT,
    phone         TEXT,
    email         TEXT
) STRICT;
CREATE INDEX employer_contact_employer ON employer_contact (employer_id);

-- Providers of purchased services ("palveluntuottaja").
CREATE TABLE provider (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    business_id   TEXT,
    name          TEXT NOT NULL,
    municipality  TEXT,
    phone         TEXT,
    email         TEXT,
    note          TEXT
) STRICT;

CREATE TABLE job_opening (
    id               TEXT PRIMARY KEY,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT,
    origin_device    TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    hlc              TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    employer_id      TEXT NOT NULL REFERENCES employer (id),
    title            TEXT NOT NULL,
    occupation_code  TEXT,
    positions        INTEGER NOT NULL DEFAULT 1 CHECK (positions >= 1),
    municipality     TEXT,
    working_time     TEXT CHECK (working_time IN ('full_time', 'part_time', 'shift', 'seasonal', 'flexible')),
    employment_kind  TEXT CHECK (employment_kind IN ('permanent', 'fixed_term', 'summer', 'pay_subsidised', 'apprenticeship')),
    required_cards   TEXT NOT NULL DEFAULT '[]',
    required_languages TEXT NOT NULL DEFAULT '[]',
    driving_licence  TEXT,
    skills           TEXT NOT NULL DEFAULT '[]',
    employer_driven  INTEGER NOT NULL DEFAULT 0 CHECK (employer_driven IN (0, 1)),
    digital_marketing INTEGER NOT NULL DEFAULT 0 CHECK (digital_marketing IN (0, 1)),
    new_job          INTEGER NOT NULL DEFAULT 0 CHECK (new_job IN (0, 1)),
    opened_on        TEXT NOT NULL,
    closes_on        TEXT,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
    description      TEXT
) STRICT;
CREATE INDEX job_opening_employer ON job_opening (employer_id);
CREATE INDEX job_opening_status ON job_opening (status, opened_on);

-- ---------------------------------------------------------------------------
-- Appointments and contacts
-- ---------------------------------------------------------------------------

-- One meeting, call, remote session, company visit or group event.
-- client_id for an individual client, employer_id for a company visit;
-- group events list their participants in appointment_participant.
CREATE TABLE appointment (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    origin_device   TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    hlc             TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    kind            TEXT NOT NULL DEFAULT 'individual'
                      CHECK (kind IN ('individual', 'group', 'company_visit')),
    on_date         TEXT NOT NULL,
    start_time      TEXT NOT NULL,
    duration_min    INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 720),
    staff_id        TEXT REFERENCES staff (id),
    client_id       TEXT REFERENCES client (id),
    employer_id     TEXT REFERENCES employer (id),
    channel         TEXT NOT NULL CHECK (channel IN ('desk', 'phone', 'video', 'chat_email', 'outreach')),
    service_type    TEXT NOT NULL CHECK (service_type IN ('service_guidance', 'job_search_coaching', 'digital_advice', 'company_visit',
                      'recruitment_service', 'purchased_service_guidance', 'group_coaching',
                      'digital_workshop', 'other')),
    status          TEXT NOT NULL DEFAULT 'scheduled'
                      CHECK (status IN ('scheduled', 'arrived', 'completed',
                        'cancelled_by_client', 'cancelled_by_staff', 'missed', 'walk_in')),
    title           TEXT,
    location        TEXT,
    notes           TEXT,
    next_step       TEXT,
    follow_up_on    TEXT,
    series_id       TEXT,
    statutory_contact TEXT
) STRICT;
CREATE INDEX appointment_day ON appointment (on_date, start_time, staff_id, status);
CREATE INDEX appointment_client ON appointment (client_id, on_date);
CREATE INDEX appointment_staff ON appointment (staff_id, on_date);
CREATE INDEX appointment_employer ON appointment (employer_id, on_date);
CREATE INDEX appointment_follow_up ON appointment (follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TABLE appointment_participant (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT,
    origin_device  TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    appointment_id TEXT NOT NULL REFERENCES appointment (id),
    client_id      TEXT REFERENCES client (id),
    name           TEXT,
    attendance     TEXT NOT NULL DEFAULT 'registered'
                     CHECK (attendance IN ('registered', 'attended', 'absent'))
) STRICT;
CREATE INDEX appointment_participant_appointment ON appointment_participant (appointment_id);
CREATE INDEX appointment_participant_client ON appointment_participant (client_id);

-- History of status moves, so a same-day undo and the audit can see them.
CREATE TABLE appointment_status_change (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT,
    origin_device  TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    appointment_id TEXT NOT NULL REFERENCES appointment (id),
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    changed_at     TEXT NOT NULL
) STRICT;
CREATE INDEX appointment_status_change_appointment
    ON appointment_status_change (appointment_id, changed_at);

-- Referral to a measure or to an experimental purchased service.
CREATE TABLE referral (
    id                  TEXT PRIMARY KEY,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT,
    origin_device       TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    hlc                 TEXT NOT NULL,
    deleted             INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id           TEXT NOT NULL REFERENCES client (id),
    appointment_id      TEXT REFERENCES appointment (id),
    kind                TEXT NOT NULL CHECK (kind IN ('rehabilitative_work',
                          'work_trial', 'labour_market_training', 'short_course',
                          'card_training', 'pay_subsidised_work', 'apprenticeship',
                          'open_market_job', 'purchased_service')),
    card_name           TEXT,
    provider_id         TEXT REFERENCES provider (id),
    service_name        TEXT,
    referred_on         TEXT NOT NULL,
    start_date          TEXT,
    end_date            TEXT,
    status              TEXT NOT NULL DEFAULT 'planned'
                          CHECK (status IN ('planned', 'started', 'completed', 'interrupted')),
    agreed_cost_cents   INTEGER CHECK (agreed_cost_cents >= 0),
    realised_cost_cents INTEGER CHECK (realised_cost_cents >= 0),
    note                TEXT,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX referral_client ON referral (client_id, referred_on);
CREATE INDEX referral_kind ON referral (kind, referred_on);

-- ---------------------------------------------------------------------------
-- Matching and outcomes
-- ---------------------------------------------------------------------------

CREATE TABLE match_proposal (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    job_id        TEXT NOT NULL REFERENCES job_opening (id),
    client_id     TEXT NOT NULL REFERENCES client (id),
    staff_id      TEXT REFERENCES staff (id),
    proposed_on   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'contacted', 'interview', 'offered',
                      'hired', 'not_selected', 'withdrawn')),
    score         INTEGER,
    note          TEXT
) STRICT;
CREATE INDEX match_proposal_job ON match_proposal (job_id);
CREATE INDEX match_proposal_client ON match_proposal (client_id);

CREATE TABLE match_status_change (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    match_id      TEXT NOT NULL REFERENCES match_proposal (id),
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    changed_on    TEXT NOT NULL
) STRICT;
CREATE INDEX match_status_change_match ON match_status_change (match_id, changed_on);

-- An employment that a client got (through a match or otherwise).
CREATE TABLE employment_outcome (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    client_id     TEXT NOT NULL REFERENCES client (id),
    employer_id   TEXT REFERENCES employer (id),
    job_id        TEXT REFERENCES job_opening (id),
    match_id      TEXT REFERENCES match_proposal (id),
    kind          TEXT NOT NULL CHECK (kind IN ('open_market', 'self_employed',
                    'pay_subsidised', 'apprenticeship')),
    permanent     INTEGER NOT NULL DEFAULT 0 CHECK (permanent IN (0, 1)),
    new_job       INTEGER NOT NULL DEFAULT 0 CHECK (new_job IN (0, 1)),
    start_date    TEXT NOT NULL,
    end_date      TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX employment_outcome_client ON employment_outcome (client_id, start_date);

-- Statutory-contact rule sets of the Nordic labour service model, as data.
CREATE TABLE contact_rule_set (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT,
    origin_device  TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    hlc            TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name           TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    rules          TEXT NOT NULL
) STRICT;

-- ---------------------------------------------------------------------------
-- Synced rows are never hard-deleted: deleted = 1 marks them.
-- ---------------------------------------------------------------------------
CREATE TRIGGER device_no_delete BEFORE DELETE ON device BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER client_no_delete BEFORE DELETE ON client BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER client_language_no_delete BEFORE DELETE ON client_language BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER client_occupation_no_delete BEFORE DELETE ON client_occupation BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER client_card_no_delete BEFORE DELETE ON client_card BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER agreement_period_no_delete BEFORE DELETE ON agreement_period BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER self_assessment_no_delete BEFORE DELETE ON self_assessment BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER quick_contact_no_delete BEFORE DELETE ON quick_contact BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER survey_answer_no_delete BEFORE DELETE ON survey_answer BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER employer_no_delete BEFORE DELETE ON employer BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER employer_contact_no_delete BEFORE DELETE ON employer_contact BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER provider_no_delete BEFORE DELETE ON provider BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER job_opening_no_delete BEFORE DELETE ON job_opening BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER appointment_no_delete BEFORE DELETE ON appointment BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER appointment_participant_no_delete BEFORE DELETE ON appointment_participant BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER appointment_status_change_no_delete BEFORE DELETE ON appointment_status_change BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER referral_no_delete BEFORE DELETE ON referral BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER match_proposal_no_delete BEFORE DELETE ON match_proposal BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER match_status_change_no_delete BEFORE DELETE ON match_status_change BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER employment_outcome_no_delete BEFORE DELETE ON employment_outcome BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;
CREATE TRIGGER contact_rule_set_no_delete BEFORE DELETE ON contact_rule_set BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;

-- ===========================================================================
-- @version 2: search as you type over clients (FTS5)
-- ===========================================================================
-- unicode61 with remove_diacritics 2 folds case and strips diacritics, so
-- "makinen" finds "Mäkinen". Its rowid is the client's rowid, so triggers
-- keep it in step with one indexed delete and insert per change; erased and
-- deleted clients drop out of it. Phones are indexed in +358 and 0 forms.
-- Duplicate checks compare names among clients born the same day.
CREATE INDEX client_birth_date ON client (birth_date) WHERE birth_date IS NOT NULL;

-- Prefix indexes for 1-4 characters keep the first keystrokes of a search
-- (which match tens of thousands of people) under a millisecond.
CREATE VIRTUAL TABLE client_search USING fts5(
    name, contact, municipality, code_tail,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);
CREATE TRIGGER client_search_insert AFTER INSERT ON client WHEN new.deleted = 0
BEGIN
    INSERT INTO client_search (rowid, name, contact, municipality, code_tail)
    VALUES (new.rowid, new.first_name || ' ' || new.last_name,
            COALESCE(new.phone, '') || ' ' ||
              CASE WHEN new.phone LIKE '+358%' THEN '0' || substr(new.phone, 5) ELSE '' END
              || ' ' || COALESCE(new.email, ''),
            COALESCE(new.municipality, ''), COALESCE(substr(new.identity_code, -4), ''));
END;
CREATE TRIGGER client_search_update AFTER UPDATE ON client
BEGIN
    DELETE FROM client_search WHERE rowid = old.rowid;
    INSERT INTO client_search (rowid, name, contact, municipality, code_tail)
    SELECT new.rowid, new.first_name || ' ' || new.last_name,
           COALESCE(new.phone, '') || ' ' ||
             CASE WHEN new.phone LIKE '+358%' THEN '0' || substr(new.phone, 5) ELSE '' END
             || ' ' || COALESCE(new.email, ''),
           COALESCE(new.municipality, ''), COALESCE(substr(new.identity_code, -4), '')
    WHERE new.deleted = 0;
END;

-- ===========================================================================
-- @version 3: sync — peers, acknowledgements, conflicts, keys
-- ===========================================================================
-- Machines exchange change_log rows as encrypted, signed bundle files
-- (docs/bundle-format.md). Three things are derived from change_log instead
-- of being stored twice, so they can never drift from it:
-- * what this machine has applied of each origin machine: the highest
--   device_seq of that origin (imports keep every origin contiguous);
-- * the stamp of each field: the highest hlc among the changes that wrote it;
-- * the causal context of this machine's own changes: every earlier
--   change_log row of the same record (seq is the order it learned them).
-- Keys live in local_meta ('sync.age_identity', 'sync.sign_key'): the file is
-- owner-only and the keys belong to the device id stored beside them.

-- The causal context of a change received from another machine: for the
-- same record, {device id: highest device_seq of that device's changes the
-- origin had seen}. NULL for this machine's own changes (see above).
ALTER TABLE change_log ADD COLUMN ctx TEXT;
-- When this machine applied a change that came in a bundle (NULL for its own).
ALTER TABLE change_log ADD COLUMN received_at TEXT;

-- Machines this one exchanges bundles with (local, never synced). A peer
-- that leaves keeps its row with removed_at set: new bundles are no longer
-- encrypted to it and its bundles are refused.
CREATE TABLE sync_peer (
    device_id     TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'desk' CHECK (role IN ('desk', 'coordinator')),
    age_recipient TEXT NOT NULL,
    sign_key      TEXT NOT NULL UNIQUE,
    added_at      TEXT NOT NULL,
    removed_at    TEXT,
    last_clock    TEXT
) STRICT;

-- What each peer has told us (in its newest bundle) it has applied of each
-- origin machine: bundles to it start after these numbers.
-- (The column is `origin`, not origin_device: that name marks synced tables.)
CREATE TABLE sync_peer_ack (
    peer_id   TEXT NOT NULL REFERENCES sync_peer (device_id),
    origin    TEXT NOT NULL,
    acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0),
    PRIMARY KEY (peer_id, origin)
) STRICT, WITHOUT ROWID;

-- Every bundle written or imported here (local): the Sync screen's "last in
-- and out". Holds counts and file names only, never personal data.
CREATE TABLE sync_bundle (
    bundle_id   TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    at          TEXT NOT NULL,
    peer_id     TEXT,
    recipients  TEXT NOT NULL DEFAULT '[]',
    kind        TEXT NOT NULL CHECK (kind IN ('changes', 'weekly')),
    week        TEXT,
    file_name   TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    changes     INTEGER NOT NULL,
    applied     INTEGER NOT NULL DEFAULT 0,
    conflicts   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bundle_id, direction)
) STRICT;
CREATE INDEX sync_bundle_at ON sync_bundle (direction, at);

-- The same field of the same record changed on two machines without either
-- seeing the other's change (or a delete against an edit). The higher stamp
-- wins everywhere (a delete always wins); this row keeps both sides until a
-- person resolves it. Synced: its id is derived from the two changes, so
-- every machine that detects the conflict writes the same row. Values are
-- JSON; erasure must scrub them too (they may hold personal data).
CREATE TABLE sync_conflict (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT,
    origin_device TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    hlc           TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    kind          TEXT NOT NULL CHECK (kind IN ('edit_edit', 'delete_edit')),
    table_name    TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    field         TEXT NOT NULL,
    winner_value  TEXT,
    winner_hlc    TEXT NOT NULL,
    winner_device TEXT NOT NULL,
    winner_staff  TEXT,
    winner_at     TEXT NOT NULL,
    loser_value   TEXT,
    loser_hlc     TEXT NOT NULL,
    loser_device  TEXT NOT NULL,
    loser_staff   TEXT,
    loser_at      TEXT NOT NULL,
    resolved_by   TEXT,
    resolved_at   TEXT,
    resolution    TEXT CHECK (resolution IN ('kept', 'took_other'))
) STRICT;
CREATE INDEX sync_conflict_row ON sync_conflict (table_name, row_id);
CREATE INDEX sync_conflict_open ON sync_conflict (resolved_at, deleted);
CREATE TRIGGER sync_conflict_no_delete BEFORE DELETE ON sync_conflict BEGIN SELECT RAISE(ABORT, 'soft delete only'); END;

-- The same person (identity code) or company (business id) registered on two
-- machines offline must reach every machine, so these are no longer unique at
-- the database level: intake still refuses a local duplicate, and the Sync
-- screen lists cross-machine ones as possible duplicates to merge.
DROP INDEX client_identity_code;
CREATE INDEX client_identity_code ON client (identity_code)
    WHERE identity_code IS NOT NULL AND deleted = 0;
DROP INDEX employer_business_id;
CREATE INDEX employer_business_id ON employer (business_id)
    WHERE business_id IS NOT NULL AND deleted = 0;
