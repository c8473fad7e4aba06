// SPDX-License-Identifier: GPL-2.0
/*
 * ids - getpid, gettid and getppid agree with each other and with /proc,
 * in the main thread, in other threads and in a forked child.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"

#define THREADS	4
#define CALLS	1000

static pid_t main_pid;

/* The pid of /proc/self/stat's first field and the ppid of its fourth. */
static void proc_ids(pid_t *pid, pid_t *ppid)
{
	FILE *f = fopen("/proc/self/stat", "r");
	char comm[64];
	char state;

	*pid = *ppid = -1;
	if (!f)
		return;
	if (fscanf(f, "%d (%63[^)]) %c %d", pid, comm, &state, ppid) != 4)
		*pid = *ppid = -1;
	fclose(f);
}

static void *thread_main(void *arg)
{
	pid_t *tid = arg;

	*tid = gettid();
	EXPECT(getpid() == main_pid, "getpid in a thread: %d, not %d",
	       getpid(), main_pid);
	EXPECT(*tid != main_pid, "a thread's tid is the pid %d", *tid);
	EXPECT(syscall(SYS_gettid) == *tid, "gettid changed");
	return NULL;
}

int main(void)
{
	pthread_t th[THREADS];
	pid_t tids[THREADS];
	pid_t proc_pid, proc_ppid, parent, child;
	int i, j, status, same = 1;

	prog_start();
	main_pid = getpid();
	parent = getppid();
	proc_ids(&proc_pid, &proc_ppid);
	EXPECT(proc_pid == main_pid, "/proc/self/stat says pid %d, getpid %d",
	       proc_pid, main_pid);
	EXPECT(proc_ppid == parent, "/proc/self/stat says ppid %d, getppid %d",
	       proc_ppid, parent);
	EXPECT(gettid() == main_pid, "main thread: gettid %d, getpid %d",
	       gettid(), main_pid);
	for (i = 0; i < CALLS; i++) {
		if (syscall(SYS_getpid) != main_pid || syscall(SYS_gettid) != main_pid ||
		    syscall(SYS_getppid) != parent)
			same = 0;
	}
	EXPECT(same, "getpid, gettid or getppid changed over %d calls", CALLS);
	printf("main thread: getpid = gettid = /proc/self/stat pid; getppid = its ppid\n");

	for (i = 0; i < THREADS; i++)
		if (pthread_create(&th[i], NULL, thread_main, &tids[i]))
			return 2;
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < THREADS; i++)
		for (j = i + 1; j < THREADS; j++)
			EXPECT(tids[i] != tids[j], "threads %d and %d share tid %d",
			       i, j, tids[i]);
	printf("%d threads: same pid, distinct tids\n", THREADS);

	fflush(stdout);
	child = MUST(fork());
	if (child == 0) {
		pid_t pid = getpid();

		proc_ids(&proc_pid, &proc_ppid);
		_exit(pid != main_pid && getppid() == main_pid &&
		      gettid() == pid && proc_pid == pid && proc_ppid == main_pid ? 0 : 1);
	}
	MUST(waitpid(child, &status, 0));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the child's ids were wrong (status 0x%x)", status);
	printf("forked child: new pid, its getppid is the parent's getpid\n");
	return prog_end();
}
