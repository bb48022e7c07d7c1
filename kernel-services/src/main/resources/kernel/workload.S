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

# long kprobesim_workload_div(long d): 1000 / d with div, so d = 0 is a kernel #DE (an oops).
	.globl kprobesim_workload_div
	.type kprobesim_workload_div, @function
kprobesim_workload_div:
	push %rbp
	mov %rsp, %rbp
	xor %edx, %edx
	mov $1000, %eax
	div %rdi
	pop %rbp
	ret
	.size kprobesim_workload_div, .-kprobesim_workload_div

# long kprobesim_workload_hog(long n): n iterations of busy work in kernel mode with no
# preemption point; only a preemptive kernel (full) can take the CPU away in the middle.
	.globl kprobesim_workload_hog
	.type kprobesim_workload_hog, @function
kprobesim_workload_hog:
	push %rbp
	mov %rsp, %rbp
	xor %eax, %eax
1:	test %rdi, %rdi
	jz 2f
	add $3, %rax
	dec %rdi
	jmp 1b
2:	pop %rbp
	ret
	.size kprobesim_workload_hog, .-kprobesim_workload_hog

# long kprobesim_workload_forker(long n): starts n kernel threads running
# kprobesim_workload_leaf(100) through the fork path (kernel_thread), calling _cond_resched
# between forks; returns how many forks succeeded (a failed one returns -errno, not counted).
	.globl kprobesim_workload_forker
	.type kprobesim_workload_forker, @function
kprobesim_workload_forker:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	xor %r12d, %r12d
1:	test %rbx, %rbx
	jz 3f
	mov $kprobesim_workload_leaf, %rdi
	mov $100, %esi
	xor %edx, %edx
	call kernel_thread
	test %rax, %rax
	js 2f
	inc %r12
2:	call _cond_resched
	dec %rbx
	jmp 1b
3:	mov %r12, %rax
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size kprobesim_workload_forker, .-kprobesim_workload_forker

# long kprobesim_workload_hog_atomic(long n): kprobesim_workload_hog(n) inside two nested
# preempt_disable()s; the last preempt_enable() is where a full-preemption kernel may switch.
	.globl kprobesim_workload_hog_atomic
	.type kprobesim_workload_hog_atomic, @function
kprobesim_workload_hog_atomic:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	call preempt_disable
	call preempt_disable
	mov %rbx, %rdi
	call kprobesim_workload_hog
	mov %rax, %r12
	call preempt_enable
	call preempt_enable
	mov %r12, %rax
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size kprobesim_workload_hog_atomic, .-kprobesim_workload_hog_atomic

# long kprobesim_workload_hog_voluntary(long n): n rounds of 1000 iterations of busy work, with a
# _cond_resched() after each round (a might_sleep point); returns 3000 * n.
	.globl kprobesim_workload_hog_voluntary
	.type kprobesim_workload_hog_voluntary, @function
kprobesim_workload_hog_voluntary:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	xor %r12d, %r12d
1:	test %rbx, %rbx
	jz 2f
	mov $1000, %edi
	call kprobesim_workload_hog
	add %rax, %r12
	call _cond_resched
	dec %rbx
	jmp 1b
2:	mov %r12, %rax
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size kprobesim_workload_hog_voluntary, .-kprobesim_workload_hog_voluntary

# long kprobesim_workload_wait_event(long unused): wait_event_interruptible on
# kprobesim_workload_wq until kprobesim_workload_flag is non-zero; returns the flag.
	.globl kprobesim_workload_wait_event
	.type kprobesim_workload_wait_event, @function
kprobesim_workload_wait_event:
	push %rbp
	mov %rsp, %rbp
1:	mov $kprobesim_workload_wq, %rdi
	xor %esi, %esi
	mov $1, %edx
	call prepare_to_wait
	mov kprobesim_workload_flag, %rax
	test %rax, %rax
	jnz 2f
	call schedule
	jmp 1b
2:	mov $kprobesim_workload_wq, %rdi
	xor %esi, %esi
	call finish_wait
	mov kprobesim_workload_flag, %rax
	pop %rbp
	ret
	.size kprobesim_workload_wait_event, .-kprobesim_workload_wait_event

# long kprobesim_workload_wake_after(long ms): msleep(ms), set kprobesim_workload_flag to ms
# and wake kprobesim_workload_wq; returns how many tasks woke.
	.globl kprobesim_workload_wake_after
	.type kprobesim_workload_wake_after, @function
kprobesim_workload_wake_after:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	call msleep
	mov %rbx, kprobesim_workload_flag
	mov $kprobesim_workload_wq, %rdi
	mov $1, %esi
	xor %edx, %edx
	xor %ecx, %ecx
	call __wake_up
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size kprobesim_workload_wake_after, .-kprobesim_workload_wake_after

	.data
	.p2align 3
	.globl kprobesim_workload_wq
	.type kprobesim_workload_wq, @object
kprobesim_workload_wq:
	.quad 0, 0, 0
	.size kprobesim_workload_wq, .-kprobesim_workload_wq
	.globl kprobesim_workload_flag
	.type kprobesim_workload_flag, @object
kprobesim_workload_flag:
	.quad 0
	.size kprobesim_workload_flag, .-kprobesim_workload_flag
	.text
