/* fazhi-ledger.h — what each ledger is: its table, its fields and their enumerations
 *
 * One description per ledger drives the database statements, validation, CSV import and export,
 * the record properties and the window's columns, so that a field is defined in one place only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *key;    /* stored value, e.g. "mediation" */
  const char *name;   /* English name, marked N_(): shown translated */
  const char *label;  /* the Chinese label of the domain reference, accepted on import */
  const char *aliases; /* other words clerks write for it, '|'-separated, or NULL */
} FazhiChoice;

typedef enum
{
  FAZHI_FIELD_TEXT,
  FAZHI_FIELD_DATE,
  FAZHI_FIELD_CHOICE,
  FAZHI_FIELD_INTEGER,
  FAZHI_FIELD_DECIMAL,   /* stored as INTEGER hundredths */
  FAZHI_FIELD_COMMUNITY, /* a community, by name; stored as community_id */
  FAZHI_FIELD_COMPOUND,  /* a compound, by name; stored as compound_id */
} FazhiFieldType;

typedef enum
{
  FAZHI_FIELD_REQUIRED   = 1 << 0,
  FAZHI_FIELD_PERSONAL   = 1 << 1, /* a phone number: masked in lists and exports */
  FAZHI_FIELD_SEARCHABLE = 1 << 2, /* matched by the free-text search */
  FAZHI_FIELD_GENERATED  = 1 << 3, /* filled in by the program when left empty */
} FazhiFieldFlags;

typedef struct
{
  const char         *key;       /* English key: column, CSV header, property (with '-') */
  const char         *name;      /* English name, marked N_() */
  const char         *label;     /* Chinese label of the domain reference: CSV header */
  FazhiFieldType      type;
  FazhiFieldFlags     flags;
  const FazhiChoice  *choices;   /* FAZHI_FIELD_CHOICE: terminated by a NULL key */
  const char         *fallback;  /* stored when the field is left empty, or NULL */
  const char         *aliases;   /* other headers clerks give the column, '|'-separated, or NULL */
} FazhiField;

typedef enum
{
  FAZHI_LEDGER_CASES,
  FAZHI_LEDGER_TRAININGS,
  FAZHI_LEDGER_OUTREACH,
  FAZHI_LEDGER_ELECTIONS,
  FAZHI_LEDGER_COMPOUNDS,
  FAZHI_LEDGER_COMMUNITIES,
  FAZHI_N_LEDGERS
} FazhiLedgerId;

typedef struct
{
  FazhiLedgerId      id;
  const char        *key;        /* "cases": the table and the CLI's LEDGER argument */
  const char        *name;       /* English name, marked N_() */
  const char        *label;      /* Chinese name */
  const char        *date_key;   /* the date that decides the period, or NULL */
  const char        *kind_key;   /* the field the ledger is filtered by kind on, or NULL */
  const char        *status_key; /* the field filtered by status or stage, or NULL */
  const FazhiField  *fields;
  guint              n_fields;
  /* How an imported row is known to be a record the ledger already has: the field no two
   * records share (a case's 编号), or NULL; else the fields that together say which record it
   * is, space-separated. A row is only matched on the latter when every required one of them
   * is given and, if some are optional (a case's parties), at least one of those: two legal
   * consultations of one day without names are not taken for one. */
  const char        *unique_key;
  const char        *identity;
} FazhiLedger;

const FazhiLedger  *fazhi_ledger_get            (FazhiLedgerId       id);
const FazhiLedger  *fazhi_ledger_lookup         (const char         *key);
int                 fazhi_ledger_field_index    (const FazhiLedger  *ledger,
                                                 const char         *key);
const FazhiField   *fazhi_ledger_field          (const FazhiLedger  *ledger,
                                                 const char         *key);
const char         *fazhi_field_column          (const FazhiField   *field);
const FazhiChoice  *fazhi_field_find_choice     (const FazhiField   *field,
                                                 const char         *text);
/* The field a column header names — its key, label, name or one of its aliases, written as
 * clerks write them (spaces, full-width brackets, a unit in brackets, a required mark) — or -1. */
int                 fazhi_ledger_field_for_header (const FazhiLedger *ledger,
                                                 const char         *header);
const char         *fazhi_field_choice_name     (const FazhiField   *field,
                                                 const char         *key);
const char         *fazhi_field_display_name    (const FazhiField   *field);
const FazhiChoice  *fazhi_choices_lookup        (const FazhiChoice  *choices,
                                                 const char         *key);
guint               fazhi_choices_count         (const FazhiChoice  *choices);
const char         *fazhi_case_count_name       (const char         *kind);

/* The enumerations, for the statistics and the window. */
extern const FazhiChoice fazhi_case_kinds[];
extern const FazhiChoice fazhi_case_categories[];
extern const FazhiChoice fazhi_case_statuses[];
extern const FazhiChoice fazhi_case_outcomes[];
extern const FazhiChoice fazhi_training_forms[];
extern const FazhiChoice fazhi_training_audiences[];
extern const FazhiChoice fazhi_outreach_themes[];
extern const FazhiChoice fazhi_outreach_channels[];
extern const FazhiChoice fazhi_outreach_venues[];
extern const FazhiChoice fazhi_election_stages[];
extern const FazhiChoice fazhi_community_kinds[];

G_END_DECLS
