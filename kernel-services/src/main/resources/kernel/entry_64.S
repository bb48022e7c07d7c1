# entry_64.S -- trap and interrupt entry of the simulated kernel.
#
# Each stub turns the CPU's interrupt frame into a struct pt_regs (PtRegs.java draws it):
# the CPU pushed ss, sp, flags, cs, ip and, for #GP and #PF, an error code, which sits where
# orig_ax goes. Stubs of vectors without one push orig_ax themselves: -1 for exceptions,
# ~vector for interrupts. error_entry fills the fifteen register slots, the stub calls the
# C-level handler with %rdi = pt_regs and %rsi = the error code, and error_exit reloads every
# register from the frame and leaves with iretq. A handler that edits regs->ip or regs->flags
# therefore changes where and how the interrupted code resumes.
#
# Everything here is in .entry.text: kprobes run through it, so it may not be probed.

	.section .entry.text,"ax"

# ---- exceptions without an error code: orig_ax = -1, %rsi = 0

	.globl divide_error
	.type divide_error, @function
divide_error:
	pushq $-1
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	xor %esi, %esi
	call do_divide_error
	jmp error_exit
	.size divide_error, .-divide_error

	.globl debug
	.type debug, @function
debug:
	pushq $-1
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	xor %esi, %esi
	call do_debug
	jmp error_exit
	.size debug, .-debug

	.globl nmi
	.type nmi, @function
nmi:
	pushq $-1
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	xor %esi, %esi
	call do_nmi
	jmp error_exit
	.size nmi, .-nmi

	.globl int3
	.type int3, @function
int3:
	pushq $-1
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	xor %esi, %esi
	call do_int3
	jmp error_exit
	.size int3, .-int3

	.globl invalid_op
	.type invalid_op, @function
invalid_op:
	pushq $-1
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	xor %esi, %esi
	call do_invalid_op
	jmp error_exit
	.size invalid_op, .-invalid_op

# ---- int $0x80: a user task's system call (nr in rax; args rdi rsi rdx r10 r8 r9; result
# written into regs->ax by the handler)

	.globl entry_INT80
	.type entry_INT80, @function
entry_INT80:
	pushq $-1
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	xor %esi, %esi
	call do_int80_syscall
	jmp error_exit
	.size entry_INT80, .-entry_INT80

# ---- exceptions with an error code: the CPU's error code stays in orig_ax and goes in %rsi

	.globl general_protection
	.type general_protection, @function
general_protection:
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	mov 0x78(%rsp), %rsi
	call do_general_protection
	jmp error_exit
	.size general_protection, .-general_protection

	.globl page_fault
	.type page_fault, @function
page_fault:
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	mov 0x78(%rsp), %rsi
	call do_page_fault
	jmp error_exit
	.size page_fault, .-page_fault

# ---- interrupts: orig_ax = ~vector, as Linux's apicinterrupt stubs push it

	.globl apic_timer_interrupt
	.type apic_timer_interrupt, @function
apic_timer_interrupt:
	pushq $~0xef
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	call smp_apic_timer_interrupt
	jmp error_exit
	.size apic_timer_interrupt, .-apic_timer_interrupt

	.globl call_function_interrupt
	.type call_function_interrupt, @function
call_function_interrupt:
	pushq $~0xfb
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	call smp_call_function_interrupt
	jmp error_exit
	.size call_function_interrupt, .-call_function_interrupt

	.globl reschedule_interrupt
	.type reschedule_interrupt, @function
reschedule_interrupt:
	pushq $~0xfd
	sub $0x78, %rsp
	call error_entry
	mov %rsp, %rdi
	call smp_reschedule_interrupt
	jmp error_exit
	.size reschedule_interrupt, .-reschedule_interrupt

# error_entry: store the registers into the frame. It is called, so the frame starts 8 bytes
# above %rsp (past the return address); no register is changed.
	.globl error_entry
	.type error_entry, @function
error_entry:
	mov %rdi, 0x78(%rsp)
	mov %rsi, 0x70(%rsp)
	mov %rdx, 0x68(%rsp)
	mov %rcx, 0x60(%rsp)
	mov %rax, 0x58(%rsp)
	mov %r8, 0x50(%rsp)
	mov %r9, 0x48(%rsp)
	mov %r10, 0x40(%rsp)
	mov %r11, 0x38(%rsp)
	mov %rbx, 0x30(%rsp)
	mov %rbp, 0x28(%rsp)
	mov %r12, 0x20(%rsp)
	mov %r13, 0x18(%rsp)
	mov %r14, 0x10(%rsp)
	mov %r15, 0x08(%rsp)
	cld
	ret
	.size error_entry, .-error_entry

# error_exit: pt_regs at %rsp. First the work Linux does on the way out (signals and
# rescheduling before returning to user mode, preemption before returning to the kernel),
# then every register from the frame, then iretq.
	.globl error_exit
	.type error_exit, @function
error_exit:
	mov %rsp, %rdi
	testb $3, 0x88(%rsp)
	jz 1f
	call exit_to_user_mode_loop
	jmp restore_all
1:	call irqentry_exit_cond_resched
restore_all:
	mov 0x00(%rsp), %r15
	mov 0x08(%rsp), %r14
	mov 0x10(%rsp), %r13
	mov 0x18(%rsp), %r12
	mov 0x20(%rsp), %rbp
	mov 0x28(%rsp), %rbx
	mov 0x30(%rsp), %r11
	mov 0x38(%rsp), %r10
	mov 0x40(%rsp), %r9
	mov 0x48(%rsp), %r8
	mov 0x50(%rsp), %rax
	mov 0x58(%rsp), %rcx
	mov 0x60(%rsp), %rdx
	mov 0x68(%rsp), %rsi
	mov 0x70(%rsp), %rdi
	add $0x80, %rsp
	iretq
	.size error_exit, .-error_exit

# irqentry_exit_cond_resched(regs): preemption point on return to kernel mode (Java decides:
# preempt_count, need_resched, regs->flags.IF).
	.globl irqentry_exit_cond_resched
	.type irqentry_exit_cond_resched, @function
irqentry_exit_cond_resched:
	mov $HC_IRQENTRY_EXIT_COND_RESCHED, %eax
	vmcall
	ret
	.size irqentry_exit_cond_resched, .-irqentry_exit_cond_resched

# ret_from_fork: where a new task first runs, with %rax = the previous task (the switch
# returned it), %rbx = a kernel thread's function (0 for a user task), %r12 = its argument,
# and the child's pt_regs at %rsp.
	.globl ret_from_fork
	.type ret_from_fork, @function
ret_from_fork:
	mov %rax, %rdi
	call schedule_tail
	test %rbx, %rbx
	jz 1f
	mov %r12, %rdi
	call *%rbx
	mov %rax, %rdi
	call do_exit
1:	jmp error_exit
	.size ret_from_fork, .-ret_from_fork
