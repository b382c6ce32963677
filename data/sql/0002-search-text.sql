-- Fazhi Ledger schema, version 2: a search column per ledger.
--
-- Searching 100 000 cases as the clerk types must answer within a keystroke: one LIKE over one
-- column is several times faster than one per text field. search_text holds a record's
-- searchable text fields (those marked FAZHI_FIELD_SEARCHABLE, in the order of the ledger's
-- description, empty ones as ''), joined by the unit separator U+001F; the program keeps it up
-- to date on every insert and update. Names of communities and compounds are not in it: they
-- are matched in their own tables.

ALTER TABLE communities ADD COLUMN search_text TEXT;
UPDATE communities SET search_text = coalesce(name, '');

ALTER TABLE compounds ADD COLUMN search_text TEXT;
UPDATE compounds SET search_text = coalesce(name, '') || char(31) || coalesce(property_company, '');

ALTER TABLE cases ADD COLUMN search_text TEXT;
UPDATE cases SET search_text = coalesce(number, '') || char(31) || coalesce(title, '') || char(31) || coalesce(applicant, '') || char(31) || coalesce(respondent, '') || char(31) || coalesce(handler, '') || char(31) || coalesce(notes, '');

ALTER TABLE trainings ADD COLUMN search_text TEXT;
UPDATE trainings SET search_text = coalesce(title, '') || char(31) || coalesce(laws, '') || char(31) || coalesce(lecturer, '') || char(31) || coalesce(location, '') || char(31) || coalesce(notes, '');

ALTER TABLE outreach ADD COLUMN search_text TEXT;
UPDATE outreach SET search_text = coalesce(title, '') || char(31) || coalesce(location, '') || char(31) || coalesce(organizer, '') || char(31) || coalesce(notes, '');

ALTER TABLE elections ADD COLUMN search_text TEXT;
UPDATE elections SET search_text = coalesce(notes, '');
