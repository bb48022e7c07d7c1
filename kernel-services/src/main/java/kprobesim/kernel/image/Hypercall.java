package kprobesim.kernel.image;

import java.util.Optional;

/**
 * The hypercall numbers shared by the kernel's {@code .S} sources and the Java services:
 * machine code does {@code mov $HC_NAME,%eax; vmcall} with the C arguments in rdi, rsi, rdx,
 * rcx, r8, r9 and gets the result in rax (KVM's convention). {@link #symbol()} is the name the
 * sources use; {@link KernelSources} generates {@code hypercalls.S}, which defines every one
 * of them as a global absolute symbol, from this enum, so the two sides cannot disagree.
 *
 * <p>Numbers are stable (they appear in traces): append, never renumber. 0 is never valid.
 * The Java side is a {@link HypercallTable}; the services themselves belong to the boot issue.
 */
public enum Hypercall {
    // ---- C-level trap and interrupt handlers: rdi = struct pt_regs *, rsi = error code
    /** {@code do_divide_error(regs, 0)}: #DE; SIGFPE for a user task, oops in the kernel. */
    DO_DIVIDE_ERROR(1, "#DE: SIGFPE and the 'trap divide error' line, or an oops"),
    /** {@code do_debug(regs, 0)}: #DB; notify_die(DIE_DEBUG) first (kprobes' single-step). */
    DO_DEBUG(2, "#DB: notify_die(DIE_DEBUG), else SIGTRAP"),
    /** {@code do_nmi(regs, 0)}: NMI; the NMI-safe part of the die chain. */
    DO_NMI(3, "NMI: notify_die(DIE_NMI)"),
    /** {@code do_int3(regs, 0)}: #BP; notify_die(DIE_INT3) first (kprobe hits). */
    DO_INT3(4, "#BP: notify_die(DIE_INT3), else SIGTRAP"),
    /** {@code do_invalid_op(regs, 0)}: #UD; BUG() ends up here too (ud2). */
    DO_INVALID_OP(5, "#UD: SIGILL, or an oops"),
    /** {@code do_general_protection(regs, error)}: #GP; notify_die(DIE_GPF). */
    DO_GENERAL_PROTECTION(6, "#GP: notify_die(DIE_GPF), SIGSEGV or an oops"),
    /** {@code do_page_fault(regs, error)}: #PF; the faulting address is the core's CR2. */
    DO_PAGE_FAULT(7, "#PF: demand paging, SIGSEGV or an oops (address in CR2)"),
    /** {@code smp_apic_timer_interrupt(regs)}: the local timer tick (vector 0xef). */
    SMP_APIC_TIMER_INTERRUPT(8, "timer tick: jiffies, timers, time slice accounting"),
    /** {@code smp_call_function_interrupt(regs)}: runs queued cross-calls (vector 0xfb). */
    SMP_CALL_FUNCTION_INTERRUPT(9, "IPI: run this CPU's queued smp_call_function requests"),
    /** {@code smp_reschedule_interrupt(regs)}: the reschedule IPI (vector 0xfd). */
    SMP_RESCHEDULE_INTERRUPT(10, "IPI: set need_resched"),
    /** {@code irqentry_exit_cond_resched(regs)}: return to kernel mode; preempt if allowed. */
    IRQENTRY_EXIT_COND_RESCHED(11, "before iretq to kernel mode: preempt if preempt_count == 0 and need_resched"),
    /**
     * {@code exit_to_user_mode_work(regs)}: what to do before iretq to user mode;
     * returns 0 nothing, 1 reschedule, 2 deliver a signal.
     */
    EXIT_TO_USER_MODE_WORK(12, "before iretq to user mode: 0 done, 1 reschedule, 2 signal pending"),

    // ---- notifier core: (chain, val, data) as in kernel/notifier.c
    /** {@code notify_die(val, str, regs, err, trap, sig)}: walks the die chain. */
    NOTIFY_DIE(16, "walk the die chain; returns NOTIFY_* of the walk"),
    /** {@code atomic_notifier_call_chain(nh, val, v)}. */
    ATOMIC_NOTIFIER_CALL_CHAIN(17, "walk an atomic notifier chain"),
    /** {@code blocking_notifier_call_chain(nh, val, v)}. */
    BLOCKING_NOTIFIER_CALL_CHAIN(18, "walk a blocking notifier chain (may sleep)"),
    /** {@code raw_notifier_call_chain(nh, val, v)}. */
    RAW_NOTIFIER_CALL_CHAIN(19, "walk a raw notifier chain (caller locks)"),

    // ---- kprobes
    /** {@code trampoline_handler(regs)}: kretprobe return; returns the real return address. */
    KRETPROBE_TRAMPOLINE(24, "kretprobe return: run handlers of current's instance, return the real return address"),

    // ---- tasks and scheduler
    /** The profile's fork function: arguments as that kernel passes them; returns pid or -errno. */
    FORK(32, "create a task (do_fork/_do_fork/kernel_clone arguments); pid or -errno"),
    /** {@code do_exit(code)}: exit notifiers, free the task, switch away; never returns. */
    DO_EXIT(33, "exit current: PROFILE_TASK_EXIT notifiers, release, schedule away; never returns"),
    /** The profile's get_signal function: fills the caller's buffer; returns the signal or 0. */
    GET_SIGNAL(34, "dequeue a signal for current into the caller's buffer; signal number or 0"),
    /** {@code handle_signal(ksig, regs)}: sets up the user signal frame in regs. */
    HANDLE_SIGNAL(35, "set up the user handler frame (edits regs) or apply the default action"),
    /** {@code do_sys_open(dfd, filename, flags, mode)}: returns fd or -errno. */
    DO_SYS_OPEN(36, "open a file through the VFS; fd or -errno"),
    /**
     * {@code __schedule()}: pick the next task and switch to it. The service may replace the
     * core's whole register file (the incoming task's), returning the incoming task's rax.
     */
    SCHEDULE(37, "pick next task and context-switch (may replace the core's registers)"),
    /** {@code schedule_tail(prev)}: finish the switch in a new task (ret_from_fork). */
    SCHEDULE_TAIL(38, "finish a context switch in a newly forked task"),
    /** {@code schedule_timeout}'s timer: arm a wake-up after rdi jiffies; returns the expiry. */
    TIMER_ARM(39, "arm a wake-up timer for current after rdi jiffies; returns the expiry jiffy"),
    /** {@code schedule_timeout}'s end: delete the timer for expiry rdi; returns jiffies left. */
    TIMER_CANCEL(40, "delete current's timer for expiry rdi; returns jiffies left (0 if it fired)"),
    /** {@code set_current_state(state)}: TASK_RUNNING 0, TASK_INTERRUPTIBLE 1, TASK_UNINTERRUPTIBLE 2. */
    SET_CURRENT_STATE(41, "set current's state before sleeping"),
    /** {@code msecs_to_jiffies(ms)}: uses the configured HZ. */
    MSECS_TO_JIFFIES(42, "milliseconds to jiffies, rounded up"),
    /** do_nanosleep's hrtimer: arm a wake-up after rdi nanoseconds of virtual time. */
    HRTIMER_ARM(43, "arm a high-resolution wake-up after rdi virtual ns"),
    /** do_nanosleep's end: cancel; returns 0 if the timer fired, -EINTR if woken early. */
    HRTIMER_CANCEL(44, "cancel the sleeper's hrtimer; 0 if it fired, -EINTR otherwise"),

    // ---- misc
    /** {@code printk(fmt)}: rdi = NUL-terminated message with an optional KERN_* prefix. */
    PRINTK(48, "log a NUL-terminated message from guest memory into dmesg"),
    /** {@code panic(fmt)}: panic notifiers, stop the other CPUs, halt. */
    PANIC(49, "panic: notifiers, stop other CPUs, halt"),

    // ---- appended by the boot issue
    /** {@code do_int80_syscall(regs)}: a user task's {@code int $0x80}; nr in regs->ax, result into regs->ax. */
    DO_INT80_SYSCALL(50, "user system call through int $0x80 (exit, exit_group, getpid, sched_yield, fork, kill, close)"),
    /** {@code _cond_resched()}: a voluntary preemption point; switches if need_resched (voluntary/full). */
    COND_RESCHED(51, "voluntary preemption point: schedule if need_resched and the model allows it"),
    /** {@code preempt_schedule()}: preempt_enable dropped the count to 0 with need_resched set. */
    PREEMPT_SCHEDULE(52, "preempt_enable reached 0 with need_resched: preempt (full model)"),
    /** {@code prepare_to_wait(wq_head, wq_entry, state)}: queue current on the wait queue at rdi, set its state. */
    PREPARE_TO_WAIT(53, "add current to the wait queue at rdi (once) and set its state to rdx"),
    /** {@code finish_wait(wq_head, wq_entry)}: current RUNNING again and off the wait queue at rdi. */
    FINISH_WAIT(54, "set current TASK_RUNNING and remove it from the wait queue at rdi"),
    /** {@code __wake_up(wq_head, mode, nr_exclusive, key)}: wake the sleepers of the wait queue at rdi. */
    WAKE_UP(55, "wake every task sleeping on the wait queue at rdi; returns how many woke"),

    // ---- SMP cross-calls, text_mutex/text_poke, reboot (numbers 64.. kept apart from the boot work)
    /** {@code smp_call_function(func, info, wait)}: func is a registered cross-call; 0, -EINVAL, -ETIMEDOUT. */
    SMP_CALL_FUNCTION(64, "run a registered cross-call on the other online CPUs (rdi func, rsi info, rdx wait)"),
    /** {@code on_each_cpu(func, info, wait)}: here first, then the others; 0, -EINVAL, -ETIMEDOUT. */
    ON_EACH_CPU(65, "run a registered cross-call here and on every other online CPU (rdi func, rsi info, rdx wait)"),
    /** {@code stop_machine(fn, data, NULL)}: fn runs while no other CPU executes; 0 or -EINVAL. */
    STOP_MACHINE(66, "run a registered function while no other CPU executes guest code (rdi fn, rsi data)"),
    /** {@code mutex_lock(&text_mutex)} as a poll: 0 held, -EAGAIN queued (retry after pause). */
    TEXT_MUTEX_LOCK(67, "take text_mutex for current: 0 acquired, -EAGAIN queued FIFO (call again)"),
    /** {@code mutex_unlock(&text_mutex)}: 0, or -EPERM if current does not hold it. */
    TEXT_MUTEX_UNLOCK(68, "release text_mutex held by current: 0, -EPERM if not the owner"),
    /** {@code text_poke(addr, src, len)} + sync: 0, -EPERM without text_mutex, -EINVAL outside text. */
    TEXT_POKE(69, "write rdx bytes from rsi over kernel text at rdi and sync every core (text_mutex held)"),
    /** {@code kernel_halt()}: reboot chain with SYS_HALT, then the machine halts. */
    KERNEL_HALT(70, "reboot notifiers (SYS_HALT), then halt the machine"),
    /** {@code kernel_restart(cmd)}: reboot chain with SYS_RESTART, then the run ends as "restart". */
    KERNEL_RESTART(71, "reboot notifiers (SYS_RESTART, rdi = command or 0), then restart"),
    /** {@code kernel_power_off()}: reboot chain with SYS_POWER_OFF, then the machine powers off. */
    KERNEL_POWER_OFF(72, "reboot notifiers (SYS_POWER_OFF), then power off");

    private final int nr;
    private final String description;

    Hypercall(int nr, String description) {
        this.nr = nr;
        this.description = description;
    }

    /** The number machine code puts in eax. */
    public int nr() {
        return nr;
    }

    /** The symbol the {@code .S} sources use, e.g. {@code HC_DO_PAGE_FAULT}. */
    public String symbol() {
        return "HC_" + name();
    }

    /** What the Java service does. */
    public String description() {
        return description;
    }

    private static final Hypercall[] BY_NR;

    static {
        int max = 0;
        for (Hypercall h : values()) {
            max = Math.max(max, h.nr);
        }
        BY_NR = new Hypercall[max + 1];
        for (Hypercall h : values()) {
            if (h.nr <= 0 || BY_NR[h.nr] != null) {
                throw new ExceptionInInitializerError("bad or duplicate hypercall number " + h.nr + " for " + h);
            }
            BY_NR[h.nr] = h;
        }
    }

    /** The hypercall numbered {@code nr}, if there is one. */
    public static Optional<Hypercall> of(int nr) {
        return nr > 0 && nr < BY_NR.length ? Optional.ofNullable(BY_NR[nr]) : Optional.empty();
    }

    /** Largest number in use (the table size the registry needs). */
    static int maxNr() {
        return BY_NR.length - 1;
    }
}
