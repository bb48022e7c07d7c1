# fork.S -- process creation. The fork function is named as the profile's kernel names it
# ({{FORK}} is do_fork up to 4.1, _do_fork in 4.2-5.9, kernel_clone from 5.10), with that
# kernel's arguments in the registers:
#   long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
#                unsigned long stack_size, int *parent_tidptr, int *child_tidptr)
#   long _do_fork(unsigned long clone_flags, unsigned long stack_start,
#                 unsigned long stack_size, int *parent_tidptr, int *child_tidptr, unsigned long tls)
#   pid_t kernel_clone(struct kernel_clone_args *args)
# It returns the new pid or a negative errno (-EAGAIN at the task limit).

	.text

	.globl {{FORK}}
	.type {{FORK}}, @function
{{FORK}}:
	push %rbp
	mov %rsp, %rbp
	mov $HC_FORK, %eax
	vmcall
	pop %rbp
	ret
	.size {{FORK}}, .-{{FORK}}

# pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags): a kernel thread
# that starts in ret_from_fork and calls fn(arg). It goes through {{FORK}} (so a probe there
# sees every fork) with fn, arg, flags unchanged in rdi, rsi, rdx; r8 = 1 tells the fork
# service this is kernel_thread's call.
	.globl kernel_thread
	.type kernel_thread, @function
kernel_thread:
	push %rbp
	mov %rsp, %rbp
	mov $1, %r8d
	call {{FORK}}
	pop %rbp
	ret
	.size kernel_thread, .-kernel_thread
