// SPDX-License-Identifier: GPL-2.0
/*
 * ids - getpid, getppid and gettid agree with each other, stay the same
 * over many calls and match what /proc/self says.
 *
 * In a group every variant sees the leader's ids, and reads the leader's
 * /proc, so the relations hold in each. Only relations are printed, never
 * the ids themselves: the output is the same natively and in a group.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "prog.h"

#define CALLS	1000

static const char *yes(int cond)
{
	if (!cond)
		prog_failures++;
	return cond ? "yes" : "no";
}

int main(void)
{
	pid_t pid, ppid, tid, spid = -1, sppid = -1;
	char comm[64], link[32], want[32], state;
	int i, same = 1;
	ssize_t n;
	FILE *f;

	prog_start();
	pid = getpid();
	ppid = getppid();
	tid = gettid();
	printf("getpid == gettid: %s\n", yes(pid == tid));
	printf("getppid != getpid: %s\n", yes(ppid != pid));
	printf("getpid > 1 and getppid > 0: %s\n", yes(pid > 1 && ppid > 0));
	for (i = 0; i < CALLS; i++)
		if (syscall(SYS_getpid) != pid || syscall(SYS_gettid) != tid ||
		    syscall(SYS_getppid) != ppid)
			same = 0;
	printf("the same over %d calls of each: %s\n", CALLS, yes(same));

	f = fopen("/proc/self/stat", "r");
	if (f) {
		if (fscanf(f, "%d (%63[^)]) %c %d", &spid, comm, &state, &sppid) != 4)
			spid = sppid = -1;
		fclose(f);
	}
	printf("/proc/self/stat: pid is getpid, ppid is getppid: %s\n",
	       yes(spid == pid && sppid == ppid));
	n = readlink("/proc/self", link, sizeof(link) - 1);
	link[n < 0 ? 0 : n] = '\0';
	snprintf(want, sizeof(want), "%d", pid);
	printf("/proc/self links to getpid: %s\n", yes(!strcmp(link, want)));
	if (prog_failures)
		fprintf(stderr, "ids: pid %d ppid %d tid %d, /proc: %d %d '%s'\n",
			pid, ppid, tid, spid, sppid, link);
	return prog_end();
}
