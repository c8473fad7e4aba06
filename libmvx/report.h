/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_REPORT_H
#define MVX_REPORT_H

#include "str.h"

#pragma GCC visibility push(hidden)

/* Writes "libmvx: " @msg "\n" to descriptor 2. */
void mvx_say(const char *msg);

/* mvx_say(@msg), then ends the process with status 125. */
__attribute__((noreturn)) void mvx_die(const char *msg);

#pragma GCC visibility pop

#endif /* MVX_REPORT_H */
