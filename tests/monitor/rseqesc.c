// SPDX-License-Identifier: GPL-2.0
/*
 * rseqesc - run under the monitor, tries to leave an excursion through a
 * restartable sequence (rseq(2)) with the monitor's pages still open.
 *
 * usage: rseqesc [-t SECONDS]
 *
 * A thread whose registered rseq area points at a critical section, and
 * that the kernel preempts (or sends a signal) while its instruction
 * pointer lies in the section, resumes in user space at the section's
 * abort handler instead. Here the section is the monitor's executable
 * "[mvx]" range, and the abort handler the program's own code: preempted
 * while it runs the monitor, the thread would come back in the program,
 * still in the excursion, with the monitor's pages in its page tables
 * and the kernel's fault handler mapping more for it.
 *
 * The program uses glibc's rseq area (glibc registers one for every
 * thread: __rseq_offset from the thread pointer, __rseq_size; its
 * rseq_cs field at offset 8) and the signature glibc registered
 * (RSEQ_SIG, 0x53053053 on x86_64), which the kernel checks in the four
 * bytes before the abort handler. A worker process (fork) pinned to CPU
 * 0 with sched_setaffinity(), beside a busy child process pinned to the
 * same CPU so that it is preempted often, first checks that the kernel
 * honours its sections: one over a loop of its own must be aborted by a
 * preemption within 10 s. Then, for SECONDS seconds (3 unless -t), it
 * stores the address of its struct rseq_cs in rseq_cs before every
 * getppid() (forwarded; the kernel clears rseq_cs whenever it finds the
 * thread outside the section). If the abort handler ever runs, it
 * records so in a MAP_SHARED page with the stack pointer it found, reads
 * the word there and the first word of each [mvx] range to show what
 * leaks, and ends the worker. Run as root, the program gives up root
 * first (mvxmaps.h): the attack needs no privilege.
 *
 * PASS: the section over the program's own loop was aborted, the worker
 * made its calls and exited 0, and the abort handler over the monitor
 * never ran. One "PASS: rseqesc: ..." or "FAIL: rseqesc: ..." line per
 * check; exits 1 if a check failed. If glibc did not register rseq
 * (__rseq_size 0), a kernel without rseq(2) (ENOSYS) gets a "SKIP:" line
 * and exit 0; any other kernel a failure: the test VM's has CONFIG_RSEQ,
 * and glibc registers unless told not to (GLIBC_TUNABLES).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/check.h"
#include "mvxmaps.h"

#define STR_(x)		#x
#define STR(x)		STR_(x)
#define RSEQ_CS_OFFSET	8	/* of rseq_cs in struct rseq */
#define ESCAPE_STACK	(64 * 1024)
#define EXIT_ESCAPED	3

/* What the worker tells the parent, in a MAP_SHARED page. */
struct report {
	volatile int control;		/* 1: its own section was aborted; 2: never */
	volatile double control_ms;	/* how long that took */
	volatile unsigned long calls;	/* forwarded calls made under the section */
	volatile int done;		/* the worker ended its calls */
	volatile int escaped;		/* the abort handler over the monitor ran */
	volatile uintptr_t sp;		/* the stack pointer it found */
	volatile int sp_range;		/* the [mvx] range that holds it, or -1 */
	volatile int reads;		/* words of [mvx] it read */
	volatile uint64_t word;		/* the first of them */
};

static struct report *report;
static struct mvx_map maps[MVX_MAPS_MAX];
static int nmaps;

/* The sections: over the monitor's code, and over a loop of our own. */
static struct rseq_cs monitor_cs, own_cs;

/* For the abort handlers (asm below): not static, so named as here. */
uintptr_t rseqesc_sp __attribute__((visibility("hidden")));
unsigned char rseqesc_stack[ESCAPE_STACK]
	__attribute__((visibility("hidden"), aligned(16)));
void rseqesc_escaped(void) __attribute__((visibility("hidden"), noreturn, used));
long rseqesc_spin(struct rseq_cs *cs, volatile uint64_t *rseq_cs, unsigned long n)
	__attribute__((visibility("hidden")));
extern __attribute__((visibility("hidden"))) const char rseqesc_abort[],
	rseqesc_spin_start[], rseqesc_spin_end[], rseqesc_spin_abort[];

/*
 * rseqesc_abort: where a preemption in the monitor would send the thread.
 * Its stack is then the monitor's: keep the stack pointer for the report
 * and move to a stack of our own.
 *
 * rseqesc_spin(cs, rseq_cs, n): arms @cs and spins @n times inside its
 * section, [rseqesc_spin_start, rseqesc_spin_end); returns 0 if it ran
 * through, 1 if the kernel aborted it (to rseqesc_spin_abort).
 *
 * Each abort handler follows the signature, as the kernel requires.
 */
asm(".pushsection .text, \"ax\", @progbits\n"
    ".globl rseqesc_abort, rseqesc_spin, rseqesc_spin_start, rseqesc_spin_end, rseqesc_spin_abort\n"
    ".hidden rseqesc_abort, rseqesc_spin, rseqesc_spin_start, rseqesc_spin_end, rseqesc_spin_abort\n"
    ".type rseqesc_spin, @function\n"
    ".balign 16\n"
    ".long " STR(RSEQ_SIG) "\n"
    "rseqesc_abort:\n"
    "	movq %rsp, rseqesc_sp(%rip)\n"
    "	leaq rseqesc_stack+" STR(ESCAPE_STACK) "(%rip), %rsp\n"
    "	call rseqesc_escaped\n"
    "	ud2\n"
    ".balign 16\n"
    "rseqesc_spin:\n"
    "	movq %rdi, (%rsi)\n"
    "rseqesc_spin_start:\n"
    "	decq %rdx\n"
    "	jnz rseqesc_spin_start\n"
    "rseqesc_spin_end:\n"
    "	movq $0, (%rsi)\n"
    "	xorl %eax, %eax\n"
    "	ret\n"
    ".long " STR(RSEQ_SIG) "\n"
    "rseqesc_spin_abort:\n"
    "	movl $1, %eax\n"
    "	ret\n"
    ".popsection\n");

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* the vDSO: no system call */
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static __attribute__((noreturn)) void raw_exit(int status)
{
	asm volatile("syscall" : : "a"(SYS_exit_group), "D"(status) : "rcx", "r11", "memory");
	__builtin_unreachable();
}

/*
 * The abort handler over the monitor ran: the thread left the monitor
 * for the program's code in the middle of an excursion. Record it first,
 * then read what the monitor's pages give away (a fault there kills the
 * worker, which is why the record comes first), then end.
 */
void rseqesc_escaped(void)
{
	uintptr_t sp = rseqesc_sp;
	int i;

	report->sp = sp;
	report->sp_range = mvx_maps_find(maps, nmaps, sp);
	__atomic_store_n(&report->escaped, 1, __ATOMIC_SEQ_CST);
	if (report->sp_range >= 0) {
		report->word = *(volatile uint64_t *)(sp & ~(uintptr_t)7);
		report->reads++;
	}
	for (i = 0; i < nmaps; i++) {
		uint64_t w = *(volatile uint64_t *)maps[i].start;

		if (!report->reads)
			report->word = w;
		report->reads++;
	}
	raw_exit(EXIT_ESCAPED);
}

static int pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* The busy child: spins on CPU 0 until killed, or for long enough. */
static void busy(double ms)
{
	double end = now_ms() + ms;
	unsigned long n;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (pin_cpu0())
		_exit(2);
	for (n = 0;; n++)
		if (!(n & 4095) && now_ms() > end)
			_exit(0);
}

static void worker(const struct mvx_map *code, double seconds)
{
	volatile uint64_t *rseq_cs = (volatile uint64_t *)
		((char *)__builtin_thread_pointer() + __rseq_offset + RSEQ_CS_OFFSET);
	unsigned long calls;
	double t0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (pin_cpu0())
		_exit(2);

	/* The kernel aborts a section of our own when the busy child runs. */
	own_cs = (struct rseq_cs){
		.start_ip = (uintptr_t)rseqesc_spin_start,
		.post_commit_offset = rseqesc_spin_end - rseqesc_spin_start,
		.abort_ip = (uintptr_t)rseqesc_spin_abort,
	};
	t0 = now_ms();
	report->control = 2;
	do {
		if (rseqesc_spin(&own_cs, rseq_cs, 1UL << 20)) {
			report->control = 1;
			break;
		}
	} while (now_ms() - t0 < 10e3);
	report->control_ms = now_ms() - t0;
	if (report->control != 1)
		_exit(1);

	monitor_cs = (struct rseq_cs){
		.start_ip = code->start,
		.post_commit_offset = code->end - code->start,
		.abort_ip = (uintptr_t)rseqesc_abort,
	};
	t0 = now_ms();
	for (calls = 0;; calls++) {
		if (!(calls & 255) && now_ms() - t0 >= seconds * 1e3)
			break;
		*rseq_cs = (uintptr_t)&monitor_cs;
		getppid();
	}
	*rseq_cs = 0;
	report->calls = calls;
	report->done = 1;
	_exit(0);
}

/* Waits up to @ms for @pid; returns its status, or -1 if it still runs. */
static int wait_ms(pid_t pid, double ms)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	double end = now_ms() + ms;
	int status;

	do {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		nanosleep(&pause, NULL);
	} while (now_ms() < end);
	return -1;
}

static void usage(void)
{
	fprintf(stderr, "usage: rseqesc [-t SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const struct mvx_map *code = NULL;
	double seconds = 3;
	pid_t spinner, pid;
	int i, opt, status, e;
	long ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(50);	/* a hang fails, whatever the suite's timeout does */
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't' || (seconds = atof(optarg)) <= 0)
			usage();
	}
	if (optind != argc)
		usage();
	if (drop_privileges()) {
		check(0, "rseqesc: giving up root: %s", strerror(errno));
		return 1;
	}

	if (__rseq_size == 0) {
		errno = 0;
		ret = syscall(SYS_rseq, NULL, 0, 0, 0);
		e = errno;
		if (ret == -1 && e == ENOSYS) {
			printf("SKIP: rseqesc: this kernel has no rseq(2)\n");
			return 0;
		}
		check(0, "rseqesc: glibc registered no rseq area, yet the kernel has rseq(2) (%s; GLIBC_TUNABLES=%s)",
		      ret == -1 ? strerrorname_np(e) : "succeeded",
		      getenv("GLIBC_TUNABLES") ? getenv("GLIBC_TUNABLES") : "unset");
		return 1;
	}

	nmaps = mvx_maps(maps, MVX_MAPS_MAX);
	for (i = 0; i < nmaps; i++)
		if (maps[i].perms[2] == 'x' && !code)
			code = &maps[i];
	check(code != NULL, "rseqesc: the monitor's code is an executable [mvx] mapping (%d ranges)",
	      nmaps);
	if (!code)
		return 1;
	report = mmap(NULL, sizeof(*report), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (report == MAP_FAILED) {
		check(0, "rseqesc: mmap MAP_SHARED: %s", strerror(errno));
		return 1;
	}

	fflush(stdout);
	spinner = fork();
	if (spinner == 0)
		busy((seconds + 30) * 1e3);
	pid = spinner > 0 ? fork() : -1;
	if (pid == 0)
		worker(code, seconds);
	if (pid < 0) {
		check(0, "rseqesc: fork: %s", strerror(errno));
		if (spinner > 0)
			kill(spinner, SIGKILL);
		return 1;
	}
	status = wait_ms(pid, (seconds + 20) * 1e3);
	if (status == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		status = -1;
	}
	kill(spinner, SIGKILL);
	waitpid(spinner, NULL, 0);

	if (report->control)
		check(report->control == 1,
		      "rseqesc: the kernel aborts a critical section of the program's own when it preempts the thread (%s after %.0f ms)",
		      report->control == 1 ? "aborted" : "not aborted", report->control_ms);
	if (report->escaped) {
		check(0, "rseqesc: the kernel sent the thread from the monitor to the program's abort handler "
		      "(stack pointer %#lx, %s); from there it read %d words of [mvx] (the first %#llx)",
		      (unsigned long)report->sp,
		      report->sp_range >= 0 ? "in [mvx]" : "not in [mvx]", report->reads,
		      (unsigned long long)report->word);
		return 1;
	}
	if (status == -1)
		check(0, "rseqesc: the worker still ran %.0f s after its calls should have ended: killed",
		      20.0);
	else if (WIFSIGNALED(status))
		check(0, "rseqesc: the worker was killed by signal %d (%s) with no abort recorded",
		      WTERMSIG(status), sigabbrev_np(WTERMSIG(status)) ?: "?");
	else if (WEXITSTATUS(status) == 2)
		check(0, "rseqesc: the worker could not pin itself to CPU 0");
	else if (report->control == 1)
		check(WEXITSTATUS(status) == 0 && report->done && report->calls > 0,
		      "rseqesc: %lu forwarded calls on CPU 0 beside a busy process, each under an rseq critical section over the monitor's code: never aborted (exit %d)",
		      report->calls, WEXITSTATUS(status));
	return check_failures ? 1 : 0;
}
