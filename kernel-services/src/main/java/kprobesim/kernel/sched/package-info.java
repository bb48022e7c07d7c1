/**
 * The scheduler: per-CPU run queues, the context switch (the SCHEDULE hypercall saves the
 * core's whole register file, rip, rflags and CR3 into the outgoing task and loads the incoming
 * task's, plus TSS.rsp0 and {@code %gs:current}), the timer tick (jiffies, timers, time slices,
 * idle balancing), sleeping in virtual time ({@code schedule_timeout}, {@code msleep},
 * {@code do_nanosleep}), preemption models (see {@link kprobesim.kernel.sched.Scheduler}), fork
 * (kernel_thread through the profile's fork function; fork(2) of a user task), exit (task-exit
 * notifiers, then the task's stack and address space are freed), signal queueing and delivery,
 * the int $0x80 system calls (exit, exit_group, getpid, sched_yield, fork, kill, close; open(2)
 * runs the kernel's sys_open path in machine code first, see traps.S) and CPU
 * offlining ({@code cpuDown} migrates queued tasks).
 *
 * <p>The per-CPU area layout is in {@link kprobesim.kernel.sched.PerCpu}.
 */
package kprobesim.kernel.sched;
