/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_EXEC_H
#define MVX_EXEC_H

#include <mvx.h>

#pragma GCC visibility push(hidden)

/*
 * Whether the execve or execveat @c may run: the new program must be
 * able to load libmvx (dynamically linked, with LD_PRELOAD naming
 * libmvx.so in its environment), unless MVX_ALLOW_UNMONITORED_EXEC.
 * Returns 0, or -EPERM after saying why on descriptor 2.
 */
long mvx_exec_check(const struct mvx_call *c);

#pragma GCC visibility pop

#endif /* MVX_EXEC_H */
