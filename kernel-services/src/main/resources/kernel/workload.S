# workload.S -- functions the load generator's tasks call so that probes have something to
# hit. They are ordinary kernel text with real prologues and real work in machine code, so a
# timer tick can preempt a task in the middle of one.

	.text

# long kprobesim_workload_leaf(long n): a loop of n iterations; returns n*(n+1)/2 (mod 2^64).
	.globl kprobesim_workload_leaf
	.type kprobesim_workload_leaf, @function
kprobesim_workload_leaf:
	push %rbp
	mov %rsp, %rbp
	xor %eax, %eax
1:	test %rdi, %rdi
	jz 2f
	add %rdi, %rax
	dec %rdi
	jmp 1b
2:	pop %rbp
	ret
	.size kprobesim_workload_leaf, .-kprobesim_workload_leaf

# long kprobesim_workload_recursive(long depth): recurses depth times, one 32-byte stack frame
# per level (the argument is kept in it), and returns depth. Every level is a separate
# activation for a kretprobe on this function.
	.globl kprobesim_workload_recursive
	.type kprobesim_workload_recursive, @function
kprobesim_workload_recursive:
	push %rbp
	mov %rsp, %rbp
	sub $0x10, %rsp
	mov %rdi, -0x8(%rbp)
	test %rdi, %rdi
	jle 1f
	dec %rdi
	call kprobesim_workload_recursive
	add $1, %rax
	leave
	ret
1:	xor %eax, %eax
	leave
	ret
	.size kprobesim_workload_recursive, .-kprobesim_workload_recursive

# long kprobesim_workload_sleepy(long ticks): sleeps ticks jiffies (uninterruptibly) through
# schedule_timeout, so a kretprobe instance stays in use while the task is off the CPU.
# Returns the jiffies left (0 normally).
	.globl kprobesim_workload_sleepy
	.type kprobesim_workload_sleepy, @function
kprobesim_workload_sleepy:
	push %rbp
	mov %rsp, %rbp
	call schedule_timeout_uninterruptible
	pop %rbp
	ret
	.size kprobesim_workload_sleepy, .-kprobesim_workload_sleepy
