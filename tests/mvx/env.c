// SPDX-License-Identifier: GPL-2.0
/*
 * env - prints its arguments, a few environment variables and the working
 * directory: what every variant of a group starts with, alike.
 *
 * The variables are the suite's own (MVXT_*), HOME and PATH, not the
 * whole environment: umvx run adds LD_PRELOAD and may add others.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <unistd.h>

#include "prog.h"

static const char *const vars[] = {
	"MVXT_A", "MVXT_B", "MVXT_UNSET", "HOME", "PATH",
};

int main(int argc, char **argv)
{
	char cwd[PATH_MAX];
	const char *v;
	size_t i;
	int a;

	prog_start();
	printf("argc %d\n", argc);
	for (a = 0; a < argc; a++)
		printf("argv[%d] '%s'\n", a, argv[a]);
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		v = getenv(vars[i]);
		if (v)
			printf("%s='%s'\n", vars[i], v);
		else
			printf("%s is not set\n", vars[i]);
	}
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "getcwd: %s\n", strerror(errno));
		return 2;
	}
	printf("cwd '%s'\n", cwd);
	return prog_end();
}
