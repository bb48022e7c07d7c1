package kprobesim.kernel.task;

/**
 * {@code struct task_struct} of the simulated kernel: identity, scheduler state, the saved
 * register file of a task that is not on a CPU, its kernel stack and (for user tasks) its
 * address space, pending signals and how it ended.
 *
 * <p>Mutable; every field is guarded by the scheduler's lock (the kernel's runqueue locks,
 * collapsed into one), except the saved registers, which only the CPU switching the task in
 * or out touches while holding that lock.
 */
public final class Task {
    /** What a task is. */
    public enum Kind { IDLE, KERNEL_THREAD, USER }

    /** TASK_RUNNING and the sleeping states (Linux's numbers), plus DEAD. */
    public enum State {
        RUNNING(0), INTERRUPTIBLE(1), UNINTERRUPTIBLE(2), DEAD(64);

        private final int value;

        State(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }

        public static State of(long v) {
            return switch ((int) v) {
                case 0 -> RUNNING;
                case 1 -> INTERRUPTIBLE;
                case 2 -> UNINTERRUPTIBLE;
                default -> throw new IllegalArgumentException("task state " + v);
            };
        }
    }

    private final int pid;
    private final String comm;
    private final Kind kind;
    private final KernelStack stack;
    private final UserMm mm;

    /** Saved general registers (Reg numbering), rip, rflags and CR3 while off the CPU. */
    public final long[] regs = new long[16];
    public long rip;
    public long rflags;
    public long cr3;
    /** Saved CS and SS (kernel 0x10/0x18 unless switched out from user mode by a CPU evacuation). */
    public int cs = 0x10;
    public int ss = 0x18;
    /** Never ran yet: the first switch-in returns the previous task in rax (ret_from_fork's contract). */
    public boolean fresh = true;

    public State state = State.RUNNING;
    /** The CPU it runs on or is queued on. */
    public int cpu;
    /** -1: may migrate; else the only CPU it may run on. */
    public int pinnedCpu = -1;
    /** The CPU it last ran on, or -1. */
    public int lastCpu = -1;
    public boolean onCpu;
    public boolean queued;
    /** Ticks of the current time slice. */
    public int sliceTicks;
    /** Times it was switched in on a CPU other than the previous one. */
    public int migrations;
    /** Times it was switched out while still runnable (preempted or yielded). */
    public int involuntarySwitches;
    /** Pending signals, bit (sig - 1). */
    public long pendingSignals;
    /** Wait status as {@code do_exit} got it: (status << 8) for exit(), the signal for a kill. */
    public long exitCode = -1;
    /** The signal that killed it, or 0. */
    public int termSignal;
    /** Chosen by the OOM killer (SIGKILL sent; its frames come back when it exits). Under the scheduler lock. */
    public boolean oomVictim;
    /** Virtual ns (its CPU's) when it exited, or -1. */
    public long exitTimeNs = -1;
    /** Open files by descriptor (0-2 are reserved for the standard streams, which do not exist). */
    public final java.util.TreeMap<Integer, kprobesim.kernel.vfs.VfsFile> files = new java.util.TreeMap<>();
    /** Timer expiry (jiffies of its CPU) while in schedule_timeout, or -1. */
    public long timerExpiry = -1;
    /** hrtimer expiry (virtual ns) while in do_nanosleep, or -1. */
    public long hrtimerExpiry = -1;
    /** Set when a timer (rather than a wake-up) ended the last sleep. */
    public boolean timerFired;
    /** Virtual ns of its CPU when it last woke from a sleep, or -1. */
    public long lastWakeNs = -1;
    /** The jiffy of its CPU when it last woke from a sleep, or -1. */
    public long lastWakeJiffy = -1;

    public Task(int pid, String comm, Kind kind, KernelStack stack, UserMm mm) {
        this.pid = pid;
        this.comm = comm;
        this.kind = kind;
        this.stack = stack;
        this.mm = mm;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public Kind kind() {
        return kind;
    }

    /** Its kernel stack (its base is also the task's address, {@code current}). */
    public KernelStack stack() {
        return stack;
    }

    /** The user address space, or null for kernel threads and idle tasks. */
    public UserMm mm() {
        return mm;
    }

    /** The value of {@code current} for this task: the base of its kernel stack (thread_info). */
    public long pointer() {
        return stack.base();
    }

    public boolean isIdle() {
        return kind == Kind.IDLE;
    }

    public boolean isDead() {
        return state == State.DEAD;
    }

    @Override
    public String toString() {
        return comm + "[" + pid + "]";
    }
}
