/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MVX_GROUP_H
#define MVX_GROUP_H

#include <mvx.h>

int mvx_group_call(const struct mvx_call *c);

#endif /* MVX_GROUP_H */
