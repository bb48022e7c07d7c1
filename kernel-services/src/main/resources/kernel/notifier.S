# notifier.S -- the notifier core (kernel/notifier.c). Chains live in Java
# (kprobesim.kernel.notifier); these entry points let machine code walk them.
# kprobes are called from notify_die, so the walk itself may not be probed: each function is
# listed in _kprobe_blacklist, which is what Linux's NOKPROBE_SYMBOL() does.

	.text

# int notify_die(enum die_val val, const char *str, struct pt_regs *regs, long err,
#                int trap, int sig)
	.globl notify_die
	.type notify_die, @function
notify_die:
	push %rbp
	mov %rsp, %rbp
	mov $HC_NOTIFY_DIE, %eax
	vmcall
	pop %rbp
	ret
	.size notify_die, .-notify_die

# int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
	.globl atomic_notifier_call_chain
	.type atomic_notifier_call_chain, @function
atomic_notifier_call_chain:
	push %rbp
	mov %rsp, %rbp
	mov $HC_ATOMIC_NOTIFIER_CALL_CHAIN, %eax
	vmcall
	pop %rbp
	ret
	.size atomic_notifier_call_chain, .-atomic_notifier_call_chain

# int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
	.globl blocking_notifier_call_chain
	.type blocking_notifier_call_chain, @function
blocking_notifier_call_chain:
	push %rbp
	mov %rsp, %rbp
	mov $HC_BLOCKING_NOTIFIER_CALL_CHAIN, %eax
	vmcall
	pop %rbp
	ret
	.size blocking_notifier_call_chain, .-blocking_notifier_call_chain

# int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v)
	.globl raw_notifier_call_chain
	.type raw_notifier_call_chain, @function
raw_notifier_call_chain:
	push %rbp
	mov %rsp, %rbp
	mov $HC_RAW_NOTIFIER_CALL_CHAIN, %eax
	vmcall
	pop %rbp
	ret
	.size raw_notifier_call_chain, .-raw_notifier_call_chain

	.pushsection _kprobe_blacklist,"aw"
	.quad notify_die
	.quad atomic_notifier_call_chain
	.quad blocking_notifier_call_chain
	.quad raw_notifier_call_chain
	.popsection
