/* fazhi-fuzz.h — what a harness of tests/fuzz defines: libFuzzer's entry point
 *
 * Each fuzz-*.c defines it once. Built with -Dfuzzing=true (clang), libFuzzer calls it with the
 * inputs it makes; fuzz-replay.c calls it with the files of the corpus and of the regressions,
 * so that what the fuzzers found stays fixed in the ordinary test suite, with any compiler.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Returns 0; a finding is a crash, a sanitizer's report or a failed g_assert(). */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

G_END_DECLS
