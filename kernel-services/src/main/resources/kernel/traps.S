# traps.S -- the C-level trap and interrupt handlers that the entry stubs call with
# %rdi = struct pt_regs * and %rsi = the error code. Their work is done in Java (a
# hypercall), which reads and writes pt_regs in memory.
#
# do_int3, do_debug, do_nmi and do_general_protection are on kprobes' own path (int3 hit,
# single-step, fault while single-stepping), so, as in Linux, they are __kprobes: in
# .kprobes.text. The others are ordinary, probe-able text.

	.text

	.globl do_divide_error
	.type do_divide_error, @function
do_divide_error:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_DIVIDE_ERROR, %eax
	vmcall
	pop %rbp
	ret
	.size do_divide_error, .-do_divide_error

	.globl do_invalid_op
	.type do_invalid_op, @function
do_invalid_op:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_INVALID_OP, %eax
	vmcall
	pop %rbp
	ret
	.size do_invalid_op, .-do_invalid_op

# do_page_fault(regs, error_code): the faulting address is in CR2.
	.globl do_page_fault
	.type do_page_fault, @function
do_page_fault:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_PAGE_FAULT, %eax
	vmcall
	pop %rbp
	ret
	.size do_page_fault, .-do_page_fault

	.globl smp_apic_timer_interrupt
	.type smp_apic_timer_interrupt, @function
smp_apic_timer_interrupt:
	push %rbp
	mov %rsp, %rbp
	mov $HC_SMP_APIC_TIMER_INTERRUPT, %eax
	vmcall
	pop %rbp
	ret
	.size smp_apic_timer_interrupt, .-smp_apic_timer_interrupt

	.globl smp_call_function_interrupt
	.type smp_call_function_interrupt, @function
smp_call_function_interrupt:
	push %rbp
	mov %rsp, %rbp
	mov $HC_SMP_CALL_FUNCTION_INTERRUPT, %eax
	vmcall
	pop %rbp
	ret
	.size smp_call_function_interrupt, .-smp_call_function_interrupt

	.globl smp_reschedule_interrupt
	.type smp_reschedule_interrupt, @function
smp_reschedule_interrupt:
	push %rbp
	mov %rsp, %rbp
	mov $HC_SMP_RESCHEDULE_INTERRUPT, %eax
	vmcall
	pop %rbp
	ret
	.size smp_reschedule_interrupt, .-smp_reschedule_interrupt

	.section .kprobes.text,"ax"

	.globl do_int3
	.type do_int3, @function
do_int3:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_INT3, %eax
	vmcall
	pop %rbp
	ret
	.size do_int3, .-do_int3

	.globl do_debug
	.type do_debug, @function
do_debug:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_DEBUG, %eax
	vmcall
	pop %rbp
	ret
	.size do_debug, .-do_debug

	.globl do_nmi
	.type do_nmi, @function
do_nmi:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_NMI, %eax
	vmcall
	pop %rbp
	ret
	.size do_nmi, .-do_nmi

	.globl do_general_protection
	.type do_general_protection, @function
do_general_protection:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_GENERAL_PROTECTION, %eax
	vmcall
	pop %rbp
	ret
	.size do_general_protection, .-do_general_protection

# long do_int80_syscall(struct pt_regs *regs): open(2) (nr 2) goes through the kernel's own
# open path (sys_open or __x64_sys_open -> do_sys_open), so probes on those functions see it;
# every other system call is served in Java. The result is stored in regs->ax.
	.globl do_int80_syscall
	.type do_int80_syscall, @function
do_int80_syscall:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	cmpq $2, 0x50(%rdi)
	jne 1f
.if {{HAS_SYS_OPEN}}
	mov 0x70(%rbx), %rdi
	mov 0x68(%rbx), %rsi
	mov 0x60(%rbx), %rdx
	call sys_open
.else
	call __x64_sys_open
.endif
	mov %rax, 0x50(%rbx)
	jmp 2f
1:	mov $HC_DO_INT80_SYSCALL, %eax
	vmcall
2:	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size do_int80_syscall, .-do_int80_syscall
