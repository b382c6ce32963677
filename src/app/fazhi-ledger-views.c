/* fazhi-ledger-views.c — how the window shows each ledger */

#define G_LOG_DOMAIN "fazhi"

#include "config.h"

#include <glib/gi18n.h>

#include "fazhi-ledger-views.h"

static const FazhiLedgerView views[FAZHI_N_LEDGERS] = {
  [FAZHI_LEDGER_CASES] = {
    FAZHI_LEDGER_CASES, "cases", N_("Cases"), "folder-documents-symbolic", N_("New Case"), N_("Edit Case"),
    N_("Record each dispute mediated, lawsuit attended, consultation, review, proposal and inspection here."),
    { "number", "kind", "title", "received_on", "status", "applicant", "community" },
    { "kind", "status" },
    {
      { N_("Matter"), { "kind", "title", "received_on", "community", "handler", "number" } },
      { N_("Parties"), { "applicant", "respondent", "phone" } },
      { N_("Mediation"), { "category", "source", "agreement", "amount" } },
      { N_("Progress"), { "status", "outcome", "concluded_on", "count", "satisfied" } },
      { NULL, { "notes" } },
    },
  },
  [FAZHI_LEDGER_TRAININGS] = {
    FAZHI_LEDGER_TRAININGS, "trainings", N_("Trainings"), "x-office-presentation-symbolic", N_("New Training"), N_("Edit Training"),
    N_("Record each lecture, study session, court visit and examination on the law here."),
    { "held_on", "title", "form", "audience", "lecturer", "attendees", "hours" },
    { "form", "audience" },
    {
      { N_("Training"), { "held_on", "title", "form", "audience", "laws", "lecturer", "location" } },
      { N_("Attendance"), { "planned", "attendees", "hours", "passed" } },
      { NULL, { "notes" } },
    },
  },
  [FAZHI_LEDGER_OUTREACH] = {
    FAZHI_LEDGER_OUTREACH, "outreach", N_("Outreach"), "user-info-symbolic", N_("New Event"), N_("Edit Event"),
    N_("Record each legal-publicity event, in person or online, here."),
    { "held_on", "title", "theme", "channel", "venue", "community", "materials", "reached" },
    { "theme", "venue" },
    {
      { N_("Event"), { "held_on", "title", "theme", "channel", "venue", "community", "location", "organizer" } },
      { N_("Reach"), { "materials", "reached", "consultations", "banners" } },
      { NULL, { "notes" } },
    },
  },
  [FAZHI_LEDGER_ELECTIONS] = {
    FAZHI_LEDGER_ELECTIONS, "elections", N_("Elections"), "mail-send-symbolic", N_("New Election"), N_("Edit Election"),
    N_("Record each owners’ committee election from its start to its filing here."),
    { "compound", "started_on", "stage", "vote_on", "completed_on", "filed_on", "seats" },
    { "stage" },
    {
      { N_("Election"), { "compound", "started_on", "stage", "vote_on", "completed_on", "filed_on" } },
      { N_("Vote"), { "owners_total", "owners_voted", "owners_approved", "area_total", "area_voted", "area_approved" } },
      { N_("Committee"), { "seats", "term_years" } },
      { NULL, { "notes" } },
    },
  },
  [FAZHI_LEDGER_COMPOUNDS] = {
    FAZHI_LEDGER_COMPOUNDS, "compounds", N_("Compounds"), "go-home-symbolic", N_("New Compound"), N_("Edit Compound"),
    N_("Add the residential compounds whose owners elect a committee."),
    { "name", "community", "households", "area", "property_company", "term_end" },
    { NULL },
    {
      { NULL, { "name", "community", "households", "area", "property_company", "term_end" } },
    },
  },
  [FAZHI_LEDGER_COMMUNITIES] = {
    FAZHI_LEDGER_COMMUNITIES, "communities", N_("Communities"), "mark-location-symbolic", N_("New Community"), N_("Edit Community"),
    N_("Add the villages and communities of the street."),
    { "name", "kind" },
    { "kind" },
    {
      { NULL, { "name", "kind" } },
    },
  },
};

const FazhiLedgerView *
fazhi_ledger_view_get (FazhiLedgerId ledger)
{
  g_return_val_if_fail (ledger < FAZHI_N_LEDGERS, NULL);

  return &views[ledger];
}
