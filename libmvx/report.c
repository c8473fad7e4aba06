// SPDX-License-Identifier: GPL-2.0
/* report.c - libmvx's messages, written to descriptor 2 */
#include <asm/unistd.h>

#include "report.h"
#include "state.h"
#include "sys.h"

void mvx_say(const char *msg)
{
	char line[640];
	struct mvx_buf b;
	size_t off = 0;
	long n;

	if (S.quiet)
		return;
	mvx_buf_init(&b, line, sizeof(line));
	mvx_buf_str(&b, "libmvx: ");
	mvx_buf_str(&b, msg);
	mvx_buf_char(&b, '\n');
	while (off < b.len) {
		n = mvx_sys3(__NR_write, 2, (long)(line + off), b.len - off);
		if (n <= 0)
			break;
		off += n;
	}
}

void mvx_die(const char *msg)
{
	mvx_say(msg);
	for (;;)
		mvx_sys1(__NR_exit_group, 125);
}
