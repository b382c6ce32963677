-- Fazhi Ledger schema, version 1: the office settings, the places and the four ledgers.
--
-- Conventions:
--   * every record has id, a stable uuid (for merging the ledgers of several offices), created_at
--     and updated_at (UTC, ISO 8601);
--   * enumerations are stored as their English keys;
--   * dates are ISO text; date(x) = x rejects impossible dates such as 2023-02-30;
--   * an enumeration is checked with a chain of = ... OR, not IN (...): SQLite builds a temporary
--     index for an IN list of more than two values on every insert, which made imports 40% slower;
--   * decimal quantities (money, areas, hours) are INTEGER hundredths, so that the Civil Code
--     thresholds compare exactly.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
  ('office_name', ''),
  ('district', ''),
  ('number_prefix', ''),
  ('mediation_limit_days', '30'),
  ('term_warning_days', '90');

CREATE TABLE communities (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL DEFAULT 'community' CHECK ((kind = 'village' OR kind = 'community'))
);

CREATE TABLE compounds (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  name             TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  community_id     INTEGER REFERENCES communities (id) ON DELETE RESTRICT,
  households       INTEGER CHECK (households >= 0),
  area             INTEGER CHECK (area >= 0),
  property_company TEXT,
  term_end         TEXT CHECK (term_end IS NULL OR date(term_end) = term_end)
);
CREATE INDEX compounds_community ON compounds (community_id);
CREATE INDEX compounds_term_end ON compounds (term_end);

CREATE TABLE cases (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  number        TEXT NOT NULL UNIQUE CHECK (length(number) > 0),
  kind          TEXT NOT NULL CHECK ((kind = 'mediation' OR kind = 'litigation' OR
                                      kind = 'reconsideration' OR kind = 'consultation' OR
                                      kind = 'review' OR kind = 'proposal' OR kind = 'inspection')),
  title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
  category      TEXT CHECK ((category = 'family' OR category = 'neighbour' OR
                             category = 'housing' OR category = 'contract' OR
                             category = 'business' OR category = 'damages' OR category = 'labour' OR
                             category = 'property' OR category = 'land' OR category = 'traffic' OR
                             category = 'medical' OR category = 'consumer' OR category = 'other')),
  source        TEXT CHECK ((source = 'application' OR source = 'initiative' OR source = 'referral')),
  applicant     TEXT,
  respondent    TEXT,
  phone         TEXT,
  community_id  INTEGER REFERENCES communities (id) ON DELETE RESTRICT,
  received_on   TEXT NOT NULL CHECK (date(received_on) = received_on),
  handler       TEXT,
  status        TEXT NOT NULL DEFAULT 'open' CHECK ((status = 'open' OR status = 'in_progress' OR
                                                     status = 'concluded')),
  outcome       TEXT CHECK ((outcome = 'success' OR outcome = 'failure' OR outcome = 'terminated' OR
                             outcome = 'withdrawn')),
  concluded_on  TEXT CHECK (concluded_on IS NULL
                            OR (date(concluded_on) = concluded_on AND concluded_on >= received_on)),
  agreement     TEXT CHECK ((agreement = 'written' OR agreement = 'oral' OR agreement = 'none')),
  amount        INTEGER CHECK (amount >= 0),
  count         INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
  satisfied     TEXT CHECK ((satisfied = 'yes' OR satisfied = 'no')),
  notes         TEXT,
  CHECK (status = 'concluded' OR (outcome IS NULL AND concluded_on IS NULL)),
  CHECK (status <> 'concluded' OR concluded_on IS NOT NULL),
  CHECK (kind <> 'mediation' OR status <> 'concluded' OR outcome IS NOT NULL)
);
CREATE INDEX cases_received ON cases (received_on);
CREATE INDEX cases_community ON cases (community_id);

CREATE TABLE trainings (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  held_on     TEXT NOT NULL CHECK (date(held_on) = held_on),
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  form        TEXT NOT NULL DEFAULT 'other'
              CHECK ((form = 'lecture' OR form = 'study' OR form = 'video' OR form = 'court' OR
                      form = 'exam' OR form = 'other')),
  audience    TEXT NOT NULL DEFAULT 'other'
              CHECK ((audience = 'staff' OR audience = 'enforcement' OR audience = 'officials' OR
                      audience = 'mediators' OR audience = 'residents' OR audience = 'other')),
  laws        TEXT,
  lecturer    TEXT,
  location    TEXT,
  planned     INTEGER CHECK (planned >= 0),
  attendees   INTEGER NOT NULL CHECK (attendees >= 0),
  hours       INTEGER CHECK (hours >= 0),
  passed      INTEGER CHECK (passed >= 0 AND passed <= attendees),
  notes       TEXT,
  CHECK (form = 'exam' OR passed IS NULL)
);
CREATE INDEX trainings_held ON trainings (held_on);

CREATE TABLE outreach (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  held_on        TEXT NOT NULL CHECK (date(held_on) = held_on),
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  theme          TEXT NOT NULL DEFAULT 'other'
                 CHECK ((theme = 'security' OR theme = 'antidrug' OR theme = 'constitution' OR
                         theme = 'civil_code' OR theme = 'five_year' OR theme = 'anti_cult' OR
                         theme = 'tax' OR theme = 'business' OR theme = 'other')),
  channel        TEXT NOT NULL DEFAULT 'offline' CHECK ((channel = 'offline' OR channel = 'online')),
  venue          TEXT CHECK ((venue = 'village' OR venue = 'community' OR venue = 'market' OR
                              venue = 'school' OR venue = 'enterprise' OR venue = 'agency' OR
                              venue = 'online' OR venue = 'other')),
  community_id   INTEGER REFERENCES communities (id) ON DELETE RESTRICT,
  location       TEXT,
  organizer      TEXT,
  materials      INTEGER CHECK (materials >= 0),
  reached        INTEGER CHECK (reached >= 0),
  consultations  INTEGER CHECK (consultations >= 0),
  banners        INTEGER CHECK (banners >= 0),
  notes          TEXT
);
CREATE INDEX outreach_held ON outreach (held_on);
CREATE INDEX outreach_community ON outreach (community_id);

CREATE TABLE elections (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  compound_id      INTEGER NOT NULL REFERENCES compounds (id) ON DELETE RESTRICT,
  started_on       TEXT NOT NULL CHECK (date(started_on) = started_on),
  stage            TEXT NOT NULL DEFAULT 'preparing'
                   CHECK ((stage = 'preparing' OR stage = 'candidates' OR stage = 'voting' OR
                           stage = 'published' OR stage = 'filed' OR stage = 'failed')),
  vote_on          TEXT CHECK (date(vote_on) = vote_on),
  completed_on     TEXT CHECK (date(completed_on) = completed_on),
  filed_on         TEXT CHECK (date(filed_on) = filed_on),
  owners_total     INTEGER CHECK (owners_total >= 0),
  area_total       INTEGER CHECK (area_total >= 0),
  owners_voted     INTEGER CHECK (owners_voted >= 0 AND owners_voted <= owners_total),
  area_voted       INTEGER CHECK (area_voted >= 0 AND area_voted <= area_total),
  owners_approved  INTEGER CHECK (owners_approved >= 0 AND owners_approved <= owners_voted),
  area_approved    INTEGER CHECK (area_approved >= 0 AND area_approved <= area_voted),
  seats            INTEGER CHECK (seats >= 1),
  term_years       INTEGER NOT NULL DEFAULT 5 CHECK (term_years >= 1),
  notes            TEXT,
  CHECK ((stage <> 'published' AND stage <> 'filed') OR completed_on IS NOT NULL),
  CHECK (stage <> 'filed' OR filed_on IS NOT NULL)
);
CREATE INDEX elections_started ON elections (started_on);
CREATE INDEX elections_completed ON elections (completed_on);
CREATE INDEX elections_compound ON elections (compound_id);

-- The clerk's narrative of a report, per period: quarter 0 is the annual report.
CREATE TABLE report_texts (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 9999),
  quarter     INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  body        TEXT NOT NULL,
  UNIQUE (year, quarter)
);
