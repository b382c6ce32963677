-- Fazhi Ledger schema, version 4: the history of every change, and the trash.
--
-- A change is who did what to which record, and when; its fields are each field it changed,
-- with the value before and after (as the window shows them: a place by its name, an amount in
-- yuan). An import writes one change a record, naming its file. Neither is ever edited: the
-- triggers refuse it. A record's history is found by its uuid, which outlives its id (a record
-- restored from the trash keeps both).

CREATE TABLE changes (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  by          TEXT NOT NULL,
  action      TEXT NOT NULL CHECK ((action = 'insert' OR action = 'update' OR action = 'delete' OR
                                    action = 'restore' OR action = 'import' OR action = 'revert')),
  ledger      TEXT NOT NULL,
  record_id   INTEGER NOT NULL,
  record_uuid TEXT NOT NULL,
  source      TEXT
);
CREATE INDEX changes_record ON changes (record_uuid, id);

CREATE TABLE change_fields (
  change_id INTEGER NOT NULL REFERENCES changes (id),
  field     TEXT NOT NULL,
  old       TEXT,
  new       TEXT,
  PRIMARY KEY (change_id, field)
) WITHOUT ROWID;

CREATE TRIGGER changes_never_edited BEFORE UPDATE ON changes
BEGIN SELECT RAISE (ABORT, 'the history is never edited'); END;
CREATE TRIGGER changes_never_deleted BEFORE DELETE ON changes
BEGIN SELECT RAISE (ABORT, 'the history is never edited'); END;
CREATE TRIGGER change_fields_never_edited BEFORE UPDATE ON change_fields
BEGIN SELECT RAISE (ABORT, 'the history is never edited'); END;
CREATE TRIGGER change_fields_never_deleted BEFORE DELETE ON change_fields
BEGIN SELECT RAISE (ABORT, 'the history is never edited'); END;

-- A deleted record, whole: its row as JSON (every column, as stored), until it is restored or
-- purged. The ledgers, the statistics and the reports never see it.
CREATE TABLE trash (
  id          INTEGER PRIMARY KEY,
  ledger      TEXT NOT NULL,
  record_id   INTEGER NOT NULL,
  record_uuid TEXT NOT NULL UNIQUE,
  summary     TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,
  deleted_by  TEXT NOT NULL,
  row         TEXT NOT NULL CHECK (json_valid (row))
);
CREATE INDEX trash_deleted ON trash (deleted_at);

INSERT INTO settings (key, value) VALUES ('trash_days', '90');
