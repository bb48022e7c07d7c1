# kprobes_trampoline.S -- the kretprobe trampoline. A kretprobe replaces the probed
# function's return address with kretprobe_trampoline, so its `ret' lands here with %rsp just
# above the replaced slot. The trampoline builds a pt_regs (regs->ax is the return value,
# regs->sp the caller's stack, regs->ip the trampoline), asks trampoline_handler for the real
# return address (the handler runs the kretprobe handlers of current's instance and frees it),
# restores every register from the frame and returns there.
#
# The flags are part of the state: the stack is moved with lea, not sub/add, around
# pushfq/popfq so that the caller sees the flags the probed function left.
#
# Used by kprobes themselves, so it is in .kprobes.text and may not be probed.

	.section .kprobes.text,"ax"

	.globl kretprobe_trampoline
	.type kretprobe_trampoline, @function
kretprobe_trampoline:
	lea -0x10(%rsp), %rsp
	pushfq
	sub $0x10, %rsp
	pushq $-1
	push %rdi
	push %rsi
	push %rdx
	push %rcx
	push %rax
	push %r8
	push %r9
	push %r10
	push %r11
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	lea 0xa8(%rsp), %rdi
	mov %rdi, 0x98(%rsp)
	lea kretprobe_trampoline(%rip), %rdi
	mov %rdi, 0x80(%rsp)
	movq $0x10, 0x88(%rsp)
	mov %rsp, %rdi
	call trampoline_handler
	mov %rax, 0xa0(%rsp)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rax
	pop %rcx
	pop %rdx
	pop %rsi
	pop %rdi
	add $0x18, %rsp
	popfq
	lea 0x8(%rsp), %rsp
	ret
	.size kretprobe_trampoline, .-kretprobe_trampoline

# void *trampoline_handler(struct pt_regs *regs): returns the real return address.
	.globl trampoline_handler
	.type trampoline_handler, @function
trampoline_handler:
	mov $HC_KRETPROBE_TRAMPOLINE, %eax
	vmcall
	ret
	.size trampoline_handler, .-trampoline_handler
