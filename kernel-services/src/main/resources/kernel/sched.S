# sched.S -- the scheduler's entry points and the sleeping functions built on them.
#
# schedule() is the only place a task gives up its CPU. Its hypercall picks the next task
# and switches to it: the Java service saves this core's registers into the outgoing task and
# loads the incoming task's (returning that task's rax), so `schedule' returns in whichever
# task runs next, just as __schedule/context_switch do.

	.text

# void schedule(void)
	.globl schedule
	.type schedule, @function
schedule:
	push %rbp
	mov %rsp, %rbp
	mov $HC_SCHEDULE, %eax
	vmcall
	pop %rbp
	ret
	.size schedule, .-schedule

# void schedule_tail(struct task_struct *prev): first thing a new task runs (ret_from_fork).
	.globl schedule_tail
	.type schedule_tail, @function
schedule_tail:
	push %rbp
	mov %rsp, %rbp
	mov $HC_SCHEDULE_TAIL, %eax
	vmcall
	pop %rbp
	ret
	.size schedule_tail, .-schedule_tail

# long schedule_timeout(long timeout): sleep (in the state the caller set) for up to timeout
# jiffies; returns the jiffies left, 0 if the timer fired.
	.globl schedule_timeout
	.type schedule_timeout, @function
schedule_timeout:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov $HC_TIMER_ARM, %eax
	vmcall
	mov %rax, %rbx
	call schedule
	mov %rbx, %rdi
	mov $HC_TIMER_CANCEL, %eax
	vmcall
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size schedule_timeout, .-schedule_timeout

# long schedule_timeout_uninterruptible(long timeout)
	.globl schedule_timeout_uninterruptible
	.type schedule_timeout_uninterruptible, @function
schedule_timeout_uninterruptible:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	mov $2, %edi
	mov $HC_SET_CURRENT_STATE, %eax
	vmcall
	mov %rbx, %rdi
	call schedule_timeout
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size schedule_timeout_uninterruptible, .-schedule_timeout_uninterruptible

# void msleep(unsigned int msecs): timeout = msecs_to_jiffies(msecs) + 1, then sleep until
# it has all passed.
	.globl msleep
	.type msleep, @function
msleep:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %edi, %edi
	mov $HC_MSECS_TO_JIFFIES, %eax
	vmcall
	lea 1(%rax), %rbx
1:	test %rbx, %rbx
	jz 2f
	mov %rbx, %rdi
	call schedule_timeout_uninterruptible
	mov %rax, %rbx
	jmp 1b
2:	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size msleep, .-msleep

# long do_nanosleep(u64 ns, int mode): interruptible high-resolution sleep; 0 when the time
# has passed, -EINTR when a signal woke the task first. (Linux passes an hrtimer_sleeper;
# here the sleeper lives in Java and the duration comes in rdi.)
	.globl do_nanosleep
	.type do_nanosleep, @function
do_nanosleep:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	mov %rdi, %rbx
	mov $1, %edi
	mov $HC_SET_CURRENT_STATE, %eax
	vmcall
	mov %rbx, %rdi
	mov $HC_HRTIMER_ARM, %eax
	vmcall
	call schedule
	mov $HC_HRTIMER_CANCEL, %eax
	vmcall
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size do_nanosleep, .-do_nanosleep

# void cpu_idle(void): the idle task. hlt stops the CPU until the next interrupt; after it,
# look for work.
	.globl cpu_idle
	.type cpu_idle, @function
cpu_idle:
	push %rbp
	mov %rsp, %rbp
1:	call default_idle
	call schedule
	jmp 1b
	.size cpu_idle, .-cpu_idle

	.globl default_idle
	.type default_idle, @function
default_idle:
	sti
	hlt
	ret
	.size default_idle, .-default_idle

# int _cond_resched(void): voluntary preemption point (might_sleep/cond_resched). Returns 1 if
# it scheduled. A no-op under PREEMPT_NONE.
	.globl _cond_resched
	.type _cond_resched, @function
_cond_resched:
	push %rbp
	mov %rsp, %rbp
	mov $HC_COND_RESCHED, %eax
	vmcall
	pop %rbp
	ret
	.size _cond_resched, .-_cond_resched

# Per-CPU area (GS base): 0x00 current, 0x08 preempt_count, 0x10 need_resched, 0x18 cpu.
# void preempt_disable(void) / void preempt_enable(void): nest through the per-CPU count;
# enable preempts when the count drops to 0 with need_resched set.
	.globl preempt_disable
	.type preempt_disable, @function
preempt_disable:
	incq %gs:0x8
	ret
	.size preempt_disable, .-preempt_disable

	.globl preempt_enable
	.type preempt_enable, @function
preempt_enable:
	decq %gs:0x8
	jnz 1f
	cmpq $0, %gs:0x10
	je 1f
	push %rbp
	mov %rsp, %rbp
	mov $HC_PREEMPT_SCHEDULE, %eax
	vmcall
	pop %rbp
1:	ret
	.size preempt_enable, .-preempt_enable

# void kprobesim_stop_cpu(void): where the boot code parks a CPU when the run is over.
	.globl kprobesim_stop_cpu
	.type kprobesim_stop_cpu, @function
kprobesim_stop_cpu:
	cli
1:	hlt
	jmp 1b
	.size kprobesim_stop_cpu, .-kprobesim_stop_cpu

# Wait queues. The queue lives in Java, keyed by the address of the wait_queue_head; the
# wait_queue_entry argument is accepted for Linux's signatures and not used.
# void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, int state)
	.globl prepare_to_wait
	.type prepare_to_wait, @function
prepare_to_wait:
	push %rbp
	mov %rsp, %rbp
	mov $HC_PREPARE_TO_WAIT, %eax
	vmcall
	pop %rbp
	ret
	.size prepare_to_wait, .-prepare_to_wait

# void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
	.globl finish_wait
	.type finish_wait, @function
finish_wait:
	push %rbp
	mov %rsp, %rbp
	mov $HC_FINISH_WAIT, %eax
	vmcall
	pop %rbp
	ret
	.size finish_wait, .-finish_wait

# void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key)
	.globl __wake_up
	.type __wake_up, @function
__wake_up:
	push %rbp
	mov %rsp, %rbp
	mov $HC_WAKE_UP, %eax
	vmcall
	pop %rbp
	ret
	.size __wake_up, .-__wake_up
