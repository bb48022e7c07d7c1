# signal.S -- signal delivery on the way back to user mode.
#
# exit_to_user_mode_loop(regs) is called by error_exit before iretq to user mode. It asks
# what is pending until nothing is: reschedule (schedule) or a signal (do_signal).
# do_signal(regs) dequeues with the profile's function ({{GET_SIGNAL}}) and lets
# handle_signal set up the frame:
#   int get_signal_to_deliver(siginfo_t *info, struct k_sigaction *ka, struct pt_regs *regs,
#                             void *cookie)                           (up to 3.16: signr or 0)
#   bool get_signal(struct ksignal *ksig)                             (3.17+: true if one)
# Both fill buffers in do_signal's frame: a ksignal (k_sigaction, siginfo, sig) of 0xc0 bytes.

	.text

	.globl exit_to_user_mode_loop
	.type exit_to_user_mode_loop, @function
exit_to_user_mode_loop:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
1:	mov %rbx, %rdi
	mov $HC_EXIT_TO_USER_MODE_WORK, %eax
	vmcall
	cmp $1, %rax
	je 2f
	cmp $2, %rax
	je 3f
	pop %r12
	pop %rbx
	pop %rbp
	ret
2:	call schedule
	jmp 1b
3:	mov %rbx, %rdi
	call do_signal
	jmp 1b
	.size exit_to_user_mode_loop, .-exit_to_user_mode_loop

	.globl do_signal
	.type do_signal, @function
do_signal:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	sub $0xc8, %rsp
	mov %rdi, %rbx
.if {{GET_SIGNAL_TAKES_KSIGNAL}}
	mov %rsp, %rdi
.else
	lea 0x20(%rsp), %rdi
	mov %rsp, %rsi
	mov %rbx, %rdx
	xor %ecx, %ecx
.endif
	call {{GET_SIGNAL}}
	test %rax, %rax
	jz 1f
	mov %rsp, %rdi
	mov %rbx, %rsi
	call handle_signal
1:	add $0xc8, %rsp
	pop %rbx
	pop %rbp
	ret
	.size do_signal, .-do_signal

	.globl {{GET_SIGNAL}}
	.type {{GET_SIGNAL}}, @function
{{GET_SIGNAL}}:
	push %rbp
	mov %rsp, %rbp
	mov $HC_GET_SIGNAL, %eax
	vmcall
	pop %rbp
	ret
	.size {{GET_SIGNAL}}, .-{{GET_SIGNAL}}

# void handle_signal(struct ksignal *ksig, struct pt_regs *regs): edits regs so that iretq
# enters the user handler (or applies the default action: terminate, core, stop, ignore).
	.globl handle_signal
	.type handle_signal, @function
handle_signal:
	push %rbp
	mov %rsp, %rbp
	mov $HC_HANDLE_SIGNAL, %eax
	vmcall
	pop %rbp
	ret
	.size handle_signal, .-handle_signal
