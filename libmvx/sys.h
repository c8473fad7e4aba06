/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sys.h - raw system calls for libmvx
 *
 * The monitor calls the kernel directly, never through the program's
 * libc: during an excursion these calls come from the monitor's code and
 * take the trusted path.
 */
#ifndef MVX_SYS_H
#define MVX_SYS_H

static inline long mvx_sys6(long nr, long a, long b, long c, long d, long e,
			    long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long mvx_sys3(long nr, long a, long b, long c)
{
	return mvx_sys6(nr, a, b, c, 0, 0, 0);
}

static inline long mvx_sys1(long nr, long a)
{
	return mvx_sys6(nr, a, 0, 0, 0, 0, 0);
}

#endif /* MVX_SYS_H */
