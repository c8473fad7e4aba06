// SPDX-License-Identifier: GPL-2.0
/*
 * showargs - prints its arguments, one a line; the target that execer
 * executes (built dynamic and static).
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	int i;

	printf("showargs: %d arguments\n", argc - 1);
	for (i = 1; i < argc; i++)
		printf("showargs: argv[%d] = '%s'\n", i, argv[i]);
	return 0;
}
