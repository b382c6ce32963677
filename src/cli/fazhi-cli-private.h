/* fazhi-cli-private.h — what the commands of fazhi-cli share */
#pragma once

#include <glib.h>

#include "fazhi-database.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *database_option;
  int         argc;
  char      **argv;
} Invocation;

/* Prints "fazhi-cli: message" and a hint; returns EXIT_USAGE. */
int                 fazhi_cli_usage_error    (const char    *format,
                                              ...) G_GNUC_PRINTF (1, 2);
/* Prints the error; returns EXIT_FAILED. */
int                 fazhi_cli_failure        (GError        *error);
FazhiDatabase      *fazhi_cli_open_database  (Invocation    *invocation,
                                              GError       **error);
/* Parses the options of one command; leaves the positional arguments in argv. */
gboolean            fazhi_cli_parse_options  (Invocation    *invocation,
                                              const char    *parameters,
                                              GOptionEntry  *entries,
                                              int            n_positional,
                                              int           *status);
const FazhiLedger  *fazhi_cli_parse_ledger   (const char    *name,
                                              int           *status);

int                 fazhi_cli_command_import (Invocation    *invocation);
int                 fazhi_cli_command_edit    (Invocation   *invocation);
int                 fazhi_cli_command_delete  (Invocation   *invocation);
int                 fazhi_cli_command_trash   (Invocation   *invocation);
int                 fazhi_cli_command_history (Invocation   *invocation);
/* fazhi-cli-backup.c */
int                 fazhi_cli_command_backup  (Invocation   *invocation);
int                 fazhi_cli_command_backups (Invocation   *invocation);
int                 fazhi_cli_command_restore (Invocation   *invocation);

G_END_DECLS
