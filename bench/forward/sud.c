// SPDX-License-Identifier: GPL-2.0
/*
 * forward-sud - the cost of forwarding through Syscall User Dispatch:
 * with the selector byte at SYSCALL_DISPATCH_FILTER_BLOCK, every system
 * call of the thread raises SIGSYS instead of running; the handler sets
 * the selector to ALLOW, makes the call itself with the registers the
 * signal frame saved, stores the result, and sets the selector back to
 * BLOCK.
 *
 *   forward-sud [CALLS]
 *
 * See loop.h for what is timed and printed (its output goes through the
 * handler too).
 *
 * The handler returns through rt_sigreturn, itself a system call, made
 * while the selector says BLOCK. The kernel lets through calls made from
 * the one code range given to the prctl, so the handler is installed
 * with the raw rt_sigaction and a restorer of our own (sud_restorer)
 * that lies in that range; the C library's restorer does not.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/prctl.h>
#include <ucontext.h>

#include "loop.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH	/* Linux 5.11 */
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#define PR_SYS_DISPATCH_ON 1
#endif
#ifndef SYSCALL_DISPATCH_FILTER_ALLOW
#define SYSCALL_DISPATCH_FILTER_ALLOW 0
#define SYSCALL_DISPATCH_FILTER_BLOCK 1
#endif
#define SA_RESTORER 0x04000000

/* The kernel's struct sigaction for x86-64, with sa_restorer. */
struct kernel_sigaction {
	void (*handler)(int, siginfo_t *, void *);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

void sud_restorer(void);
extern const char sud_restorer_end[];
/* The nop keeps the address after the syscall instruction, which is what
 * the kernel checks, inside the range. */
__asm__(".text\n"
	".globl sud_restorer\n"
	".type sud_restorer, @function\n"
	"sud_restorer:\n"
	"	mov $15, %eax\n"	/* SYS_rt_sigreturn */
	"	syscall\n"
	"	nop\n"
	".globl sud_restorer_end\n"
	"sud_restorer_end:\n");

static volatile char selector = SYSCALL_DISPATCH_FILTER_ALLOW;

static void on_sigsys(int sig, siginfo_t *info, void *context)
{
	greg_t *regs = ((ucontext_t *)context)->uc_mcontext.gregs;
	int saved_errno = errno;

	(void)sig;
	selector = SYSCALL_DISPATCH_FILTER_ALLOW;
	regs[REG_RAX] = syscall(info->si_syscall, regs[REG_RDI], regs[REG_RSI],
				regs[REG_RDX], regs[REG_R10], regs[REG_R8],
				regs[REG_R9]);
	if (regs[REG_RAX] == -1)
		regs[REG_RAX] = -errno;
	errno = saved_errno;
	selector = SYSCALL_DISPATCH_FILTER_BLOCK;
}

int main(int argc, char **argv)
{
	long calls = fwd_args("sud", argc, argv, 20000);
	int null_fd = fwd_open_null();
	struct kernel_sigaction sa = {
		.handler = on_sigsys,
		.flags = SA_SIGINFO | SA_RESTORER,
		.restorer = sud_restorer,
	};
	unsigned long start = (unsigned long)sud_restorer;

	if (syscall(SYS_rt_sigaction, SIGSYS, &sa, NULL, sizeof(sa.mask)) < 0)
		fwd_die("rt_sigaction: %s", strerror(errno));
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, start,
		  (unsigned long)sud_restorer_end - start, &selector) < 0)
		fwd_die("PR_SET_SYSCALL_USER_DISPATCH: %s", strerror(errno));
	selector = SYSCALL_DISPATCH_FILTER_BLOCK;
	fwd_measure(calls, null_fd);
	selector = SYSCALL_DISPATCH_FILTER_ALLOW;
	return 0;
}
