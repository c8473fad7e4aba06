/* SPDX-License-Identifier: GPL-2.0 */
/*
 * entry.S - where the kernel enters libmvx, and where libmvx registers
 *
 * mvx_entry: the kernel starts every excursion here, with %rdi pointing
 * at a struct mvx_call and %rsp at a zero return address (aligned as
 * after a call). mvx_handle() fills a struct mvx_reply on the stack; the
 * excursion ends with mvx(MVX_CALL_RETURN, action, value, cookie), which
 * does not come back.
 *
 * mvx_ctor: the constructor the dynamic loader calls. mvx_setup()
 * prepares the monitor and returns its descriptor (or exits the process
 * with a message). mvx(MVX_CALL_REGISTER, desc) then returns straight to
 * the loader, popping the return address as ret would, because the
 * monitor's code is no longer accessible once it has registered.
 */
#include <mvx.h>

	.text
	.globl	mvx_entry
	.hidden	mvx_entry
	.type	mvx_entry, @function
mvx_entry:
	subq	$24, %rsp		/* struct mvx_reply; %rsp 16-aligned */
	movq	%rsp, %rsi
	call	mvx_handle
	movq	0(%rsp), %rsi		/* action */
	movq	8(%rsp), %rdx		/* value */
	movq	16(%rsp), %r10		/* cookie */
	movl	$MVX_CALL_RETURN, %edi
	movl	$MVX_NR_mvx, %eax
	syscall
	ud2				/* the kernel refused the reply */
	.size	mvx_entry, . - mvx_entry

	.type	mvx_ctor, @function
mvx_ctor:
	subq	$8, %rsp
	call	mvx_setup		/* (argc, argv, envp) as the loader passed */
	addq	$8, %rsp
	testq	%rax, %rax
	jz	1f
	movq	%rax, %rsi
	movl	$MVX_CALL_REGISTER, %edi
	movl	$MVX_NR_mvx, %eax
	syscall				/* on success, returns to our caller */
	movq	%rax, %rdi
	subq	$8, %rsp
	call	mvx_register_failed	/* does not return */
	ud2
1:	ret
	.size	mvx_ctor, . - mvx_ctor

	.section .init_array, "aw"
	.balign	8
	.quad	mvx_ctor

	.section .note.GNU-stack, "", @progbits
