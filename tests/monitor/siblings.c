// SPDX-License-Identifier: GPL-2.0
/*
 * siblings - run under the monitor, tries to reach the monitor's memory
 * from threads that make no system call while another thread is in an
 * excursion.
 *
 * usage: siblings [-w] [-n READERS] [-t SECONDS]
 *
 * During an excursion the monitor's pages are in the page tables, which
 * every thread of the process shares: a thread running the program's
 * code meanwhile could read and write them (doc/MONITOR.md, "Threat
 * model"), unless the kernel keeps it out of user space until the
 * excursion ends (kmod/park.c). Here READERS threads (1 unless -n) read a
 * word of each page of each "[mvx]" range of /proc/self/maps in turn, in
 * a tight loop without system calls, and catch the SIGSEGV that an access
 * outside an excursion gets with sigsetjmp()/siglongjmp() (not saving
 * the signal mask, which would take a system call); with -w they write
 * instead, an atomic "or" of 0 into the pages of the writable ranges, so
 * that what the monitor writes meanwhile is not lost if the write goes
 * through. Meanwhile the main thread calls getppid(), which is forwarded
 * (no policy makes it exempt here), for SECONDS seconds (3 unless -t) or
 * 200000 calls, whichever comes first. Run as root, the program gives up
 * root first (mvxmaps.h): the attack needs no privilege.
 *
 * PASS: no reader ever read (or wrote) a page successfully, and every
 * reader faulted: a reader that never faulted did not reach the monitor's
 * pages at all, and proves nothing. One "PASS: siblings: ..." or "FAIL:
 * siblings: ..." line per check, the counts on lines of their own; exits
 * 1 if a check failed. Without the kernel's parking, the reads succeed
 * within milliseconds.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../lib/check.h"
#include "mvxmaps.h"

#define MAX_READERS	64
#define MAX_CALLS	200000
#define MAX_PAGES	(64 * 1024)

struct reader {
	pthread_t thread;
	int id;
	volatile unsigned long ok;	/* accesses that went through */
	volatile unsigned long faults;	/* accesses that faulted, at their page */
	volatile unsigned long stray;	/* faults elsewhere */
	volatile uintptr_t first_addr;	/* the first access that went through */
	volatile double first_ms;	/* when, after the calls began (-1: before) */
};

static struct mvx_map maps[MVX_MAPS_MAX];
static int nmaps;
static uintptr_t *pages;		/* the pages the readers visit */
static size_t npages;
static uintptr_t page_mask;
static int writing;
static volatile int stop;
static volatile double calls_began;	/* ms on CLOCK_MONOTONIC, 0 until then */

static __thread sigjmp_buf jump;
static __thread struct reader *me;	/* set in readers only */
static __thread volatile uintptr_t target;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* the vDSO: no system call */
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (!me) {
		/* Not a reader's access: die of it as without the handler. */
		signal(sig, SIG_DFL);
		return;
	}
	if (((uintptr_t)si->si_addr & page_mask) != target)
		me->stray++;
	siglongjmp(jump, 1);
}

static void *reader(void *arg)
{
	struct reader *r = arg;
	volatile size_t i = 0;

	me = r;
	while (!stop) {
		uintptr_t p = pages[i];

		i = i + 1 == npages ? 0 : i + 1;
		target = p;
		if (sigsetjmp(jump, 0) == 0) {
			if (writing)
				asm volatile("lock orq $0, %0" : "+m"(*(uint64_t *)p) : : "memory");
			else
				(void)*(volatile uint64_t *)p;
			if (!r->ok++) {
				r->first_addr = p;
				r->first_ms = calls_began ? now_ms() - calls_began : -1;
			}
		} else {
			r->faults++;
		}
	}
	me = NULL;
	return NULL;
}

static void usage(void)
{
	fprintf(stderr, "usage: siblings [-w] [-n READERS] [-t SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct reader readers[MAX_READERS];
	struct sigaction sa = { 0 };
	unsigned long calls, ok = 0, faults = 0, stray = 0;
	int i, opt, nreaders = 1, started, silent = 0;
	double seconds = 3, t0, t;
	const char *verb;
	uintptr_t p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(50);	/* a hang fails, whatever the suite's timeout does */
	while ((opt = getopt(argc, argv, "wn:t:")) != -1) {
		switch (opt) {
		case 'w':
			writing = 1;
			break;
		case 'n':
			nreaders = atoi(optarg);
			if (nreaders < 1 || nreaders > MAX_READERS)
				usage();
			break;
		case 't':
			seconds = atof(optarg);
			if (seconds <= 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	verb = writing ? "wrote" : "read";
	page_mask = ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1);

	if (drop_privileges()) {
		check(0, "siblings: giving up root: %s", strerror(errno));
		return 1;
	}
	nmaps = mvx_maps(maps, MVX_MAPS_MAX);
	check(nmaps > 0, "siblings: the monitor's ranges are [mvx] mappings in /proc/self/maps (%d)",
	      nmaps);
	if (!nmaps)
		return 1;
	pages = calloc(MAX_PAGES, sizeof(*pages));
	if (!pages)
		return 2;
	for (i = 0; i < nmaps; i++) {
		if (writing && maps[i].perms[1] != 'w')
			continue;
		for (p = maps[i].start; p < maps[i].end && npages < MAX_PAGES; p += ~page_mask + 1)
			pages[npages++] = p;
	}
	if (!npages) {
		check(0, "siblings: no [mvx] range to %s (%d ranges)",
		      writing ? "write: none is writable" : "read", nmaps);
		return 1;
	}

	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	for (i = 0; i < nreaders; i++) {
		readers[i].id = i;
		errno = pthread_create(&readers[i].thread, NULL, reader, &readers[i]);
		if (errno) {
			check(0, "siblings: pthread_create: %s", strerror(errno));
			stop = 1;
			nreaders = i;
			break;
		}
	}
	/* Every reader is at work before the calls begin. */
	t0 = now_ms();
	do {
		for (started = 0, i = 0; i < nreaders; i++)
			started += readers[i].ok + readers[i].faults > 0;
		if (started < nreaders)
			sched_yield();
	} while (!stop && started < nreaders && now_ms() - t0 < 10e3);
	if (started < nreaders) {
		check(0, "siblings: only %d of %d readers got to work in 10 s", started, nreaders);
		silent = 1;	/* the counts below say nothing */
	}

	calls_began = t0 = now_ms();
	for (calls = 0, t = t0; calls < MAX_CALLS && !stop; calls++) {
		getppid();
		if (!(calls & 63) && (t = now_ms()) - t0 >= seconds * 1e3)
			break;
	}
	t = now_ms();
	stop = 1;
	for (i = 0; i < nreaders; i++)
		pthread_join(readers[i].thread, NULL);

	printf("siblings: %lu forwarded calls in %.2f s; %d reader%s over %zu pages of %d [mvx] ranges\n",
	       calls, (t - t0) / 1e3, nreaders, nreaders == 1 ? "" : "s", npages, nmaps);
	for (i = 0; i < nreaders; i++) {
		struct reader *r = &readers[i];

		printf("siblings: reader %d: %lu %s, %lu faulted%s", i, r->ok,
		       writing ? "writes went through" : "reads succeeded", r->faults,
		       r->stray ? " (some elsewhere)" : "");
		if (r->ok && r->first_ms < 0)
			printf("; the first at %#lx, before the calls began",
			       (unsigned long)r->first_addr);
		else if (r->ok)
			printf("; the first at %#lx, %.1f ms after the calls began",
			       (unsigned long)r->first_addr, r->first_ms);
		printf("\n");
		ok += r->ok;
		faults += r->faults;
		stray += r->stray;
		if (!silent)
			check(r->faults > 0 && !r->stray,
			      "siblings: reader %d faulted at the monitor's pages (%lu faults, %lu elsewhere)",
			      i, r->faults, r->stray);
	}
	check(calls > 0, "siblings: the main thread made forwarded calls (%lu)", calls);
	check(ok == 0, "siblings: no thread %s the monitor's memory during the excursions (%lu of %lu %s)",
	      verb, ok, ok + faults, writing ? "writes" : "reads");
	return check_failures ? 1 : 0;
}
