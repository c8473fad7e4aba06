// SPDX-License-Identifier: GPL-2.0
/*
 * clock - the clocks that a program with a vDSO reads without entering
 * the kernel (clock_gettime, gettimeofday, time, sched_getcpu) and the
 * counter instructions (rdtsc, and rdtscp where the CPU has it), read in
 * 16 rounds. Each round's raw values are written to /dev/null, where a
 * group compares them: variants that read their own clocks diverge. It
 * prints only what holds natively as in a group: the monotonic clock and
 * the counter do not go back, and the wall clocks agree to a second.
 *
 * usage: clock          the rounds
 *        clock vdso     prints whether the process has a vDSO
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include "prog.h"

#define ROUNDS 16

struct round {
	struct timespec real, mono;
	struct timeval tv;
	time_t t;
	int cpu;
	unsigned long long tsc, tscp;
	unsigned int aux;
};

static int has_rdtscp(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid(0x80000001, &a, &b, &c, &d) && (d & (1U << 27));
}

int main(int argc, char **argv __attribute__((unused)))
{
	struct round r[ROUNDS];
	int fd, i, tscp = has_rdtscp(), back = 0, apart = 0;

	prog_start();
	if (argc > 1) {
		printf("vdso: %s\n", getauxval(AT_SYSINFO_EHDR) ? "present" : "absent");
		return prog_end();
	}
	memset(r, 0, sizeof(r));
	fd = MUST(open("/dev/null", O_WRONLY));
	for (i = 0; i < ROUNDS; i++) {
		MUST(clock_gettime(CLOCK_REALTIME, &r[i].real));
		MUST(clock_gettime(CLOCK_MONOTONIC, &r[i].mono));
		MUST(gettimeofday(&r[i].tv, NULL));
		r[i].t = time(NULL);
		r[i].cpu = sched_getcpu();
		r[i].tsc = __rdtsc();
		if (tscp)
			r[i].tscp = __rdtscp(&r[i].aux);
		MUST(write(fd, &r[i], sizeof(r[i])));
		if (i && (r[i].mono.tv_sec < r[i - 1].mono.tv_sec ||
			  (r[i].mono.tv_sec == r[i - 1].mono.tv_sec &&
			   r[i].mono.tv_nsec < r[i - 1].mono.tv_nsec) ||
			  r[i].tsc < r[i - 1].tsc ||
			  (tscp && r[i].tscp < r[i].tsc)))
			back++;
		if (llabs((long long)r[i].t - r[i].real.tv_sec) > 1 ||
		    llabs((long long)r[i].tv.tv_sec - r[i].real.tv_sec) > 1)
			apart++;
	}
	printf("rounds: %d\n", ROUNDS);
	printf("readings that went back: %d\n", back);
	printf("wall clocks more than a second apart: %d\n", apart);
	EXPECT(back == 0, "a monotonic reading went back");
	EXPECT(apart == 0, "the wall clocks disagree");
	return prog_end();
}
