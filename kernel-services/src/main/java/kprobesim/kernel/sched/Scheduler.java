package kprobesim.kernel.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.Vectors;
import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.exec.CoreAccess;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.boot.BootConfig;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.image.KernelImage;
import kprobesim.kernel.image.PtRegs;
import kprobesim.kernel.image.UserProgram;
import kprobesim.kernel.notifier.ProfileEvents;
import kprobesim.kernel.profile.PreemptModel;
import kprobesim.kernel.signal.Signals;
import kprobesim.kernel.task.KernelMemory;
import kprobesim.kernel.task.KernelStack;
import kprobesim.kernel.task.Task;
import kprobesim.kernel.task.UserMm;

/**
 * The scheduler and task lifecycle: per-CPU run queues, {@code schedule} (a real context switch:
 * the hypercall saves the core's whole register file into the outgoing task and loads the
 * incoming one's), the timer tick ({@code scheduler_tick}, timers, load balancing), sleeping in
 * virtual time, wait queues, the three preemption models, fork, exit, signal queueing and
 * delivery, and the {@code int $0x80} system calls.
 *
 * <h2>Preemption points</h2>
 * <ul>
 *   <li>every model: {@code schedule()} (blocking, sleeping, exit), and the return to user mode
 *       ({@code exit_to_user_mode_loop} asks EXIT_TO_USER_MODE_WORK, which reports need_resched);</li>
 *   <li>voluntary and full: {@code _cond_resched()} when need_resched is set and preempt_count is 0;</li>
 *   <li>full: the return from an interrupt to kernel mode (IRQENTRY_EXIT_COND_RESCHED) with
 *       preempt_count 0, need_resched set and IF set in the interrupted flags; and
 *       {@code preempt_enable()} dropping the count to 0 with need_resched set.</li>
 * </ul>
 *
 * <h2>Load balancing and migration</h2>
 * A new or woken task goes to the least loaded running online CPU (lowest number on ties; a
 * pinned task to its CPU). A CPU with nothing queued steals the oldest migratable task of the
 * longest other queue, when it schedules and at each tick while idle. A task resumes from its
 * saved register file wherever it is switched in, so a task preempted in the middle of a
 * function finishes it on the new CPU. {@link #cpuDown} plus {@link #evacuate} move a CPU's
 * queued and running tasks away before it goes offline.
 *
 * <h2>Assumptions and Guarantees</h2>
 * One lock (this object) stands for all runqueue locks; every hypercall service takes it, and
 * the Java API too. Task-exit notifiers and exit listeners run outside it (they may take their
 * own locks); switch-in listeners run under it and must not call back. A task's saved register
 * file is written only by the CPU switching it out and read only by the CPU switching it in,
 * both under the lock. Each service runs on the CPU actor that executed the vmcall, between two
 * guest instructions of that CPU. In deterministic mode everything here is reproducible: queue
 * order, CPU choice and stealing depend only on the order of hypercalls, which the clock fixes.
 */
public final class Scheduler {
    /** {@code MAX_SCHEDULE_TIMEOUT}. */
    public static final long MAX_SCHEDULE_TIMEOUT = Long.MAX_VALUE;
    /** Initial user stack pointer (16-byte aligned, below the top of the stack VMA). */
    public static final long USER_SP = UserMm.STACK_TOP - 0x10;

    private final BootConfig config;
    private final PhysicalMemory mem;
    private final KernelMemory kmem;
    private final KernelImage image;
    private final ProfileEvents profileEvents;
    private final long retFromFork;
    private final long stopLoop;
    private final long jiffiesAddr;
    private final int cpus;

    private final Task[] current;
    private final Task[] idle;
    private final List<ArrayDeque<Task>> rq = new ArrayList<>();
    private final List<List<Task>> sleepers = new ArrayList<>();
    /** Wait queues by the guest address of their wait_queue_head; tasks in the order they queued. */
    private final Map<Long, List<Task>> waitQueues = new LinkedHashMap<>();
    private final boolean[] stopped;
    private final Map<Integer, Task> tasks = new LinkedHashMap<>();
    private int nextPid = 1;
    private int alive;
    private long forks;
    private long exits;
    private long exitNotifications;
    private long globalJiffies;
    private boolean started;
    private final List<Consumer<Task>> exitListeners = new ArrayList<>();
    /** filp_close for the files an exiting task still holds (set by the boot code). */
    private volatile Consumer<kprobesim.kernel.vfs.VfsFile> fileCloser;
    private final List<Consumer<Task>> switchListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Scheduler(BootConfig config, PhysicalMemory mem, KernelMemory kmem, KernelImage image,
            ProfileEvents profileEvents) {
        this.config = config;
        this.mem = mem;
        this.kmem = kmem;
        this.image = image;
        this.profileEvents = profileEvents;
        this.cpus = config.cpus();
        this.retFromFork = image.address("ret_from_fork");
        this.stopLoop = image.address("kprobesim_stop_cpu");
        this.jiffiesAddr = image.address("jiffies");
        this.current = new Task[cpus];
        this.idle = new Task[cpus];
        this.stopped = new boolean[cpus];
        for (int i = 0; i < cpus; i++) {
            rq.add(new ArrayDeque<>());
            sleepers.add(new ArrayList<>());
            mem.map(PerCpu.base(i), 0x1000);
            KernelStack s = kmem.allocateStack();
            if (s == null) {
                throw new IllegalArgumentException("memory too small for the idle stacks: memoryPages="
                        + config.memoryPages() + " cpus=" + cpus);
            }
            Task t = new Task(0, "swapper/" + i, Task.Kind.IDLE, s, null);
            t.cpu = i;
            t.onCpu = true;
            t.fresh = false;
            idle[i] = t;
            current[i] = t;
            PerCpu.set(mem, i, PerCpu.CURRENT, t.pointer());
            PerCpu.set(mem, i, PerCpu.CPU_NUMBER, i);
        }
    }

    public BootConfig config() {
        return config;
    }

    public KernelImage image() {
        return image;
    }

    public Task idleTask(int cpu) {
        return idle[cpu];
    }

    // ------------------------------------------------------------------ queries (Java side)

    public synchronized List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    public synchronized Task task(int pid) {
        return tasks.get(pid);
    }

    public synchronized Task current(int cpu) {
        return current[cpu];
    }

    public synchronized int alive() {
        return alive;
    }

    public synchronized long forks() {
        return forks;
    }

    public synchronized long exits() {
        return exits;
    }

    /** Times the PROFILE_TASK_EXIT chain ran. */
    public synchronized long exitNotifications() {
        return exitNotifications;
    }

    public synchronized boolean stopped(int cpu) {
        return stopped[cpu];
    }

    public synchronized int queued(int cpu) {
        return rq.get(cpu).size();
    }

    /** What closes the files of an exiting task (the VFS's filp_close). */
    public void setFileCloser(Consumer<kprobesim.kernel.vfs.VfsFile> closer) {
        this.fileCloser = closer;
    }

    /** Called (outside the lock, on the exiting CPU) after a task is gone. */
    public synchronized void onExit(Consumer<Task> listener) {
        exitListeners.add(listener);
    }

    /**
     * Called on the CPU, under the scheduler lock, with each task switched in (its {@code cpu} set):
     * for tests and tracing; it must not call back into the scheduler.
     */
    public void onSwitchIn(Consumer<Task> listener) {
        switchListeners.add(listener);
    }

    /** The CPU's jiffies: its virtual time divided by the tick. */
    public long jiffies(X86Core core) {
        return core.tsc() / config.tickNs();
    }

    // ------------------------------------------------------------------ creating tasks

    /** kthread_run: a kernel thread calling {@code fn(arg)} then do_exit with its result; pid or -EAGAIN. */
    public synchronized long spawnKernelThread(long fn, long arg, String comm, int pinnedCpu) {
        if (alive >= config.taskLimit()) {
            return Errno.EAGAIN.neg();
        }
        KernelStack s = kmem.allocateStack();
        if (s == null) {
            return Errno.ENOMEM.neg();
        }
        Task t = new Task(nextPid++, comm, Task.Kind.KERNEL_THREAD, s, null);
        long frame = s.top() - PtRegs.SIZE;
        t.regs[Reg.RSP] = frame;
        t.regs[Reg.RBX] = fn;
        t.regs[Reg.R12] = arg;
        t.rip = retFromFork;
        t.rflags = Flags.RESERVED1 | Flags.IF;
        t.cr3 = 0;
        t.pinnedCpu = pinnedCpu;
        admit(t, null);
        return t.pid();
    }

    /** A user task running {@code program} from {@code _start} with an empty stack; pid, -EAGAIN or -ENOMEM. */
    public synchronized long spawnUser(UserProgram program, String comm) {
        if (alive >= config.taskLimit()) {
            return Errno.EAGAIN.neg();
        }
        UserMm mm = UserMm.load(mem, kmem, comm, program.image());
        if (mm == null) {
            return Errno.ENOMEM.neg();
        }
        KernelStack s = kmem.allocateStack();
        if (s == null) {
            mm.release();
            return Errno.ENOMEM.neg();
        }
        Task t = new Task(nextPid++, comm, Task.Kind.USER, s, mm);
        PtRegs regs = PtRegs.at(mem, s.top() - PtRegs.SIZE);
        regs.set(PtRegs.IP, UserProgram.TEXT_BASE);
        regs.set(PtRegs.CS, 0x33);
        regs.set(PtRegs.FLAGS, Flags.RESERVED1 | Flags.IF);
        regs.set(PtRegs.SP, USER_SP);
        regs.set(PtRegs.SS, 0x2b);
        regs.set(PtRegs.ORIG_AX, -1);
        startUserTask(t, regs.address());
        admit(t, null);
        return t.pid();
    }

    private void startUserTask(Task t, long frame) {
        t.regs[Reg.RSP] = frame;
        t.regs[Reg.RBX] = 0;
        t.rip = retFromFork;
        t.rflags = Flags.RESERVED1;
        t.cr3 = t.mm().cr3();
    }

    private void admit(Task t, CpuContext ctx) {
        tasks.put(t.pid(), t);
        alive++;
        forks++;
        started = true;
        mem.write64(t.pointer(), t.pid()); // thread_info: the pid at the bottom of the stack
        int cpu = chooseCpu(t, ctx == null ? -1 : ctx.cpuId());
        t.cpu = cpu;
        enqueue(t, cpu, ctx);
    }

    /** Least loaded running online CPU, lowest number first (the pinned one if pinned). */
    private int chooseCpu(Task t, int self) {
        if (t.pinnedCpu >= 0) {
            return t.pinnedCpu;
        }
        int best = -1, bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < cpus; i++) {
            if (stopped[i] || offline[i]) {
                continue;
            }
            int load = rq.get(i).size() + (current[i].isIdle() ? 0 : 1);
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best < 0 ? Math.max(self, 0) : best;
    }

    private void enqueue(Task t, int cpu, CpuContext ctx) {
        t.cpu = cpu;
        t.queued = true;
        rq.get(cpu).addLast(t);
        if (current[cpu].isIdle()) {
            kick(cpu, ctx);
        }
    }

    /**
     * resched_curr for an idle CPU: need_resched, and a reschedule IPI if it is another CPU. A
     * busy CPU is not kicked: the woken task waits for the current one's time slice (the tick).
     */
    private void kick(int cpu, CpuContext ctx) {
        PerCpu.set(mem, cpu, PerCpu.NEED_RESCHED, 1);
        if (ctx != null && ctx.cpuId() != cpu && !stopped[cpu]) {
            ctx.sendIpi(cpu, Vectors.RESCHEDULE);
        }
    }

    /** try_to_wake_up. */
    private void wake(Task t, CpuContext ctx) {
        if (t.isDead() || t.state == Task.State.RUNNING) {
            return;
        }
        t.state = Task.State.RUNNING;
        t.lastWakeNs = ctx == null ? -1 : ctx.core().tsc();
        t.lastWakeJiffy = ctx == null ? -1 : jiffies(ctx.core());
        if (!t.onCpu && !t.queued) {
            int cpu = stopped[t.cpu] || offline[t.cpu] ? chooseCpu(t, t.cpu) : t.cpu;
            enqueue(t, cpu, ctx);
        }
    }

    // ------------------------------------------------------------------ the switch

    private boolean needResched(int cpu) {
        return PerCpu.get(mem, cpu, PerCpu.NEED_RESCHED) != 0;
    }

    private long preemptCount(int cpu) {
        return PerCpu.get(mem, cpu, PerCpu.PREEMPT_COUNT);
    }

    /**
     * __schedule on ctx's CPU: requeue prev if still runnable, pick the next task and switch.
     * Returns the value rax gets in whatever runs next; prev will see {@code prevResult}.
     */
    private long schedule(CpuContext ctx, long prevResult) {
        int cpu = ctx.cpuId();
        Task prev = current[cpu];
        PerCpu.set(mem, cpu, PerCpu.NEED_RESCHED, 0);
        boolean requeue = prev.state == Task.State.RUNNING && !prev.isIdle() && !prev.isDead();
        Task next = pick(cpu);
        if (next == null) {
            next = requeue ? prev : idle[cpu];
        } else if (requeue) {
            prev.queued = true;
            rq.get(cpu).addLast(prev);
            prev.involuntarySwitches++;
        }
        if (next == prev) {
            return prevResult;
        }
        return switchTo(ctx, prev, next, prevResult);
    }

    private Task pick(int cpu) {
        Task t = rq.get(cpu).pollFirst();
        if (t == null) {
            t = steal(cpu);
        }
        if (t != null) {
            t.queued = false;
        }
        return t;
    }

    /** Load balancing: take the oldest migratable task of the longest other queue. */
    private Task steal(int cpu) {
        if (stopped[cpu] || offline[cpu]) {
            return null;
        }
        int best = -1, len = 0;
        for (int i = 0; i < cpus; i++) {
            if (i != cpu && rq.get(i).size() > len && hasMigratable(i)) {
                best = i;
                len = rq.get(i).size();
            }
        }
        if (best < 0) {
            return null;
        }
        for (var it = rq.get(best).iterator(); it.hasNext(); ) {
            Task t = it.next();
            if (t.pinnedCpu < 0) {
                it.remove();
                return t;
            }
        }
        return null;
    }

    private boolean hasMigratable(int cpu) {
        for (Task t : rq.get(cpu)) {
            if (t.pinnedCpu < 0) {
                return true;
            }
        }
        return false;
    }

    /** context_switch: save prev's registers (unless it is dead), load next's; returns next's rax. */
    private long switchTo(CpuContext ctx, Task prev, Task next, long prevResult) {
        X86Core c = ctx.core();
        int cpu = ctx.cpuId();
        if (!prev.isDead()) {
            for (int i = 0; i < 16; i++) {
                prev.regs[i] = c.reg(i);
            }
            prev.regs[Reg.RAX] = prevResult;
            prev.rip = c.rip();
            prev.rflags = c.rflags();
            prev.cr3 = c.cr3();
            prev.cs = CoreAccess.cs(c);
            prev.ss = CoreAccess.ss(c);
        }
        prev.onCpu = false;
        for (int i = 0; i < 16; i++) {
            c.setReg(i, next.regs[i]);
        }
        c.setRip(next.rip);
        c.setRflags(next.rflags);
        if (CoreAccess.cs(c) != next.cs || CoreAccess.ss(c) != next.ss) {
            CoreAccess.setSegments(c, next.cs, next.ss);
            c.setCpl(next.cs & 3); // also drops the fetch translation cached for the old CPL
        }
        if (c.cr3() != next.cr3) {
            c.setCr3(next.cr3);
        }
        ctx.taskState().setRsp0(next.stack().top());
        PerCpu.set(mem, cpu, PerCpu.CURRENT, next.pointer());
        if (!next.isIdle() && next.lastCpu >= 0 && next.lastCpu != cpu) {
            next.migrations++;
        }
        next.cpu = cpu;
        next.lastCpu = cpu;
        next.onCpu = true;
        next.sliceTicks = 0;
        current[cpu] = next;
        for (Consumer<Task> l : switchListeners) {
            l.accept(next);
        }
        long result = next.fresh ? prev.pointer() : next.regs[Reg.RAX];
        next.fresh = false;
        return result;
    }

    // ------------------------------------------------------------------ hypercall services

    /** SCHEDULE. */
    public synchronized long scheduleCall(CpuContext ctx) {
        return schedule(ctx, 0);
    }

    /** SCHEDULE_TAIL: nothing left to finish (the switch completed in Java). */
    public long scheduleTail(CpuContext ctx, long prev) {
        return 0;
    }

    /** COND_RESCHED: voluntary preemption point. */
    public synchronized long condResched(CpuContext ctx) {
        int cpu = ctx.cpuId();
        if (config.preempt() != PreemptModel.NONE && preemptCount(cpu) == 0 && needResched(cpu)) {
            return schedule(ctx, 1);
        }
        return 0;
    }

    /** PREEMPT_SCHEDULE: preempt_enable dropped the count to 0 with need_resched set. */
    public synchronized long preemptSchedule(CpuContext ctx) {
        int cpu = ctx.cpuId();
        if (config.preempt() == PreemptModel.FULL && preemptCount(cpu) == 0 && needResched(cpu)) {
            return schedule(ctx, 0);
        }
        return 0;
    }

    /** IRQENTRY_EXIT_COND_RESCHED(regs): kernel preemption on the return from an interrupt. */
    public synchronized long irqExitCondResched(CpuContext ctx, long regsAddr) {
        int cpu = ctx.cpuId();
        PtRegs regs = PtRegs.at(mem, regsAddr);
        if (config.preempt() == PreemptModel.FULL && preemptCount(cpu) == 0 && needResched(cpu)
                && (regs.flags() & Flags.IF) != 0 && !current[cpu].isIdle()) {
            return schedule(ctx, 0);
        }
        return 0;
    }

    /** EXIT_TO_USER_MODE_WORK(regs): 1 reschedule, 2 a signal is pending, 0 nothing. */
    public synchronized long exitToUserModeWork(CpuContext ctx, long regsAddr) {
        int cpu = ctx.cpuId();
        if (needResched(cpu)) {
            return 1;
        }
        if (current[cpu].pendingSignals != 0) {
            return 2;
        }
        return 0;
    }

    /** SET_CURRENT_STATE(state). */
    public synchronized long setCurrentState(CpuContext ctx, long state) {
        current[ctx.cpuId()].state = Task.State.of(state);
        return 0;
    }

    /** MSECS_TO_JIFFIES(ms), rounded up. */
    public long msecsToJiffies(long ms) {
        long hz = config.hz();
        return (ms * hz + 999) / 1000;
    }

    /** TIMER_ARM(timeout): arm current's wake-up at this CPU's jiffies + timeout; returns the expiry. */
    public synchronized long timerArm(CpuContext ctx, long timeout) {
        Task t = current[ctx.cpuId()];
        t.timerFired = false;
        if (timeout == MAX_SCHEDULE_TIMEOUT || timeout < 0) {
            return MAX_SCHEDULE_TIMEOUT;
        }
        long expiry = jiffies(ctx.core()) + timeout;
        t.timerExpiry = expiry;
        sleepers.get(ctx.cpuId()).add(t);
        return expiry;
    }

    /** TIMER_CANCEL(expiry): jiffies left, 0 if the timer fired. */
    public synchronized long timerCancel(CpuContext ctx, long expiry) {
        Task t = current[ctx.cpuId()];
        t.state = Task.State.RUNNING;
        t.timerExpiry = -1;
        removeSleeper(t);
        if (t.timerFired || expiry == MAX_SCHEDULE_TIMEOUT) {
            return expiry == MAX_SCHEDULE_TIMEOUT && !t.timerFired ? MAX_SCHEDULE_TIMEOUT : 0;
        }
        return Math.max(0, expiry - jiffies(ctx.core()));
    }

    /** HRTIMER_ARM(ns). */
    public synchronized long hrtimerArm(CpuContext ctx, long ns) {
        Task t = current[ctx.cpuId()];
        t.timerFired = false;
        t.hrtimerExpiry = ctx.core().tsc() + Math.max(0, ns);
        sleepers.get(ctx.cpuId()).add(t);
        return 0;
    }

    /** HRTIMER_CANCEL: 0 if the time passed, -EINTR if woken early. */
    public synchronized long hrtimerCancel(CpuContext ctx) {
        Task t = current[ctx.cpuId()];
        t.state = Task.State.RUNNING;
        boolean fired = t.timerFired;
        t.hrtimerExpiry = -1;
        removeSleeper(t);
        return fired ? 0 : Errno.EINTR.neg();
    }

    private void removeSleeper(Task t) {
        for (List<Task> l : sleepers) {
            l.remove(t);
        }
    }

    /** PREPARE_TO_WAIT(wq, entry, state): queue current on {@code wq} (once) and set its state. */
    public synchronized long prepareToWait(CpuContext ctx, long wq, long state) {
        Task t = current[ctx.cpuId()];
        List<Task> q = waitQueues.computeIfAbsent(wq, k -> new ArrayList<>());
        if (!q.contains(t)) {
            q.add(t);
        }
        t.state = Task.State.of(state);
        return 0;
    }

    /** FINISH_WAIT(wq, entry): current is TASK_RUNNING and off {@code wq}. */
    public synchronized long finishWait(CpuContext ctx, long wq) {
        Task t = current[ctx.cpuId()];
        t.state = Task.State.RUNNING;
        List<Task> q = waitQueues.get(wq);
        if (q != null) {
            q.remove(t);
        }
        return 0;
    }

    /**
     * WAKE_UP(wq, ...): wakes every task on {@code wq} in queue order, removing them (Linux's
     * autoremove_wake_function); returns how many were asleep. Callable from Java with ctx null.
     */
    public synchronized long wakeUp(CpuContext ctx, long wq) {
        List<Task> q = waitQueues.remove(wq);
        if (q == null) {
            return 0;
        }
        int woken = 0;
        for (Task t : q) {
            if (t.state != Task.State.RUNNING && !t.isDead()) {
                woken++;
                wake(t, ctx);
            }
        }
        return woken;
    }

    /** SMP_APIC_TIMER_INTERRUPT: jiffies, end of the run, timers, scheduler_tick, balancing. */
    public synchronized long timerTick(CpuContext ctx, long regsAddr) {
        int cpu = ctx.cpuId();
        X86Core c = ctx.core();
        long now = c.tsc();
        long j = jiffies(c);
        if (j > globalJiffies) {
            globalJiffies = j;
            mem.write64(jiffiesAddr, j);
        }
        if (now >= config.runForNs() || (config.stopWhenIdle() && started && alive == 0)) {
            stopCpu(ctx);
            return 0;
        }
        List<Task> mine = sleepers.get(cpu);
        for (Task t : new ArrayList<>(mine)) {
            boolean due = (t.timerExpiry >= 0 && t.timerExpiry <= j) || (t.hrtimerExpiry >= 0 && t.hrtimerExpiry <= now);
            if (due) {
                t.timerFired = true;
                t.timerExpiry = -1;
                t.hrtimerExpiry = -1;
                mine.remove(t);
                wake(t, ctx);
            }
        }
        Task cur = current[cpu];
        if (!cur.isIdle()) {
            cur.sliceTicks++;
            if (cur.sliceTicks >= config.sliceTicks() && !rq.get(cpu).isEmpty()) {
                PerCpu.set(mem, cpu, PerCpu.NEED_RESCHED, 1);
            }
        } else if (rq.get(cpu).isEmpty()) {
            Task stolen = steal(cpu);
            if (stolen != null) {
                stolen.queued = true;
                stolen.cpu = cpu;
                rq.get(cpu).addLast(stolen);
            }
        }
        if (cur.isIdle() && !rq.get(cpu).isEmpty()) {
            PerCpu.set(mem, cpu, PerCpu.NEED_RESCHED, 1);
        }
        return 0;
    }

    /** The run is over for this CPU: it parks in kprobesim_stop_cpu (cli; hlt). */
    public synchronized void stopCpu(CpuContext ctx) {
        stopped[ctx.cpuId()] = true;
        ctx.core().setRip(stopLoop);
    }

    /** SMP_RESCHEDULE_INTERRUPT: need_resched (the wake-up already queued the task). */
    public synchronized long rescheduleInterrupt(CpuContext ctx) {
        if (!rq.get(ctx.cpuId()).isEmpty()) {
            PerCpu.set(mem, ctx.cpuId(), PerCpu.NEED_RESCHED, 1);
        }
        return 0;
    }

    // ------------------------------------------------------------------ fork, exit

    /**
     * FORK: with r8 = 1, kernel_thread(fn = rdi, arg = rsi); from a user task (fork(2) through
     * int $0x80, rdi = its pt_regs), a copy of it; pid or -errno.
     */
    public synchronized long fork(CpuContext ctx, long rdi, long rsi, long rdx, long rcx, long r8, long r9) {
        Task parent = current[ctx.cpuId()];
        if (r8 == 1) {
            String comm = image.symbols().lookup(rdi).map(s -> s.symbol().name()).orElse("kthread");
            return spawnKernelThreadFrom(ctx, rdi, rsi, comm.length() > 15 ? comm.substring(0, 15) : comm);
        }
        if (parent.mm() != null && rdi != 0) {
            return forkUser(ctx, parent, PtRegs.at(mem, rdi));
        }
        return Errno.EINVAL.neg();
    }

    private long spawnKernelThreadFrom(CpuContext ctx, long fn, long arg, String comm) {
        if (alive >= config.taskLimit()) {
            return Errno.EAGAIN.neg();
        }
        KernelStack s = kmem.allocateStack();
        if (s == null) {
            return Errno.ENOMEM.neg();
        }
        Task t = new Task(nextPid++, comm, Task.Kind.KERNEL_THREAD, s, null);
        t.regs[Reg.RSP] = s.top() - PtRegs.SIZE;
        t.regs[Reg.RBX] = fn;
        t.regs[Reg.R12] = arg;
        t.rip = retFromFork;
        t.rflags = Flags.RESERVED1 | Flags.IF;
        admit(t, ctx);
        return t.pid();
    }

    /** fork(2) of a user task: copies its address space and its syscall pt_regs (child's rax = 0). */
    private long forkUser(CpuContext ctx, Task parent, PtRegs parentRegs) {
        if (alive >= config.taskLimit()) {
            return Errno.EAGAIN.neg();
        }
        UserMm mm = parent.mm().copy(); // Linux's copy_mm failing: fork gets -ENOMEM
        if (mm == null) {
            return Errno.ENOMEM.neg();
        }
        KernelStack s = kmem.allocateStack();
        if (s == null) {
            mm.release();
            return Errno.ENOMEM.neg();
        }
        Task t = new Task(nextPid++, parent.comm(), Task.Kind.USER, s, mm);
        long frame = s.top() - PtRegs.SIZE;
        mem.write(frame, mem.readBytes(parentRegs.address(), PtRegs.SIZE), 0, PtRegs.SIZE);
        PtRegs.at(mem, frame).set(PtRegs.AX, 0);
        startUserTask(t, frame);
        admit(t, ctx);
        return t.pid();
    }

    /** DO_EXIT(code): notifiers, release, switch away for good. */
    public long doExit(CpuContext ctx, long code) {
        Task t;
        synchronized (this) {
            t = current[ctx.cpuId()];
        }
        return exit(ctx, t, code, 0);
    }

    /** Ends the current task {@code t} on ctx's CPU (do_exit); returns the next task's rax. */
    public long exit(CpuContext ctx, Task t, long code, int signal) {
        if (t.isIdle()) {
            throw new IllegalStateException("Attempted to kill the idle task!");
        }
        profileEvents.profileTaskExit(t);
        List<Consumer<Task>> listeners;
        long result;
        synchronized (this) {
            exitNotifications++;
            t.exitCode = code;
            t.termSignal = signal;
            t.exitTimeNs = ctx.core().tsc();
            t.state = Task.State.DEAD;
            removeSleeper(t);
            for (List<Task> q : waitQueues.values()) {
                q.remove(t);
            }
            alive--;
            exits++;
            Task next = pick(ctx.cpuId());
            if (next == null) {
                next = idle[ctx.cpuId()];
            }
            PerCpu.set(mem, ctx.cpuId(), PerCpu.NEED_RESCHED, 0);
            result = switchTo(ctx, t, next, 0);
            if (t.mm() != null) {
                t.mm().release();
            }
            for (kprobesim.kernel.vfs.VfsFile f : t.files.values()) {
                if (fileCloser != null) {
                    fileCloser.accept(f);
                }
            }
            t.files.clear();
            kmem.freeStack(t.stack());
            listeners = List.copyOf(exitListeners);
        }
        for (Consumer<Task> l : listeners) {
            l.accept(t);
        }
        return result;
    }

    // ------------------------------------------------------------------ OOM

    /** What the OOM killer reports about its victim: the numbers of Linux's "Killed process" line. */
    public record OomVictim(Task task, long totalVmKb, long anonRssKb) {}

    /**
     * The choice of {@code out_of_memory}'s {@code select_bad_process}: the live user task with the
     * largest RSS (never an idle task or a kernel thread; ties go to the lower pid), marked as the
     * victim. Null if a victim chosen earlier has not exited yet (Linux waits for it rather than
     * killing a second task) or if there is no user task to kill. The caller sends SIGKILL.
     */
    public synchronized OomVictim selectOomVictim() {
        Task best = null;
        for (Task t : tasks.values()) {
            if (t.isDead() || t.kind() != Task.Kind.USER || t.mm() == null) {
                continue;
            }
            if (t.oomVictim) {
                return null;
            }
            if (best == null || t.mm().rssPages() > best.mm().rssPages()) {
                best = t;
            }
        }
        if (best == null) {
            return null;
        }
        best.oomVictim = true;
        return new OomVictim(best, best.mm().totalVmBytes() / 1024, best.mm().rssPages() * 4L);
    }

    /** True while an OOM victim has not exited: memory is on its way back. */
    public synchronized boolean oomVictimExiting() {
        for (Task t : tasks.values()) {
            if (t.oomVictim && !t.isDead()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ signals

    /** send_sig: queue {@code sig} for {@code t}; wakes an interruptible sleeper (any sleeper for SIGKILL). */
    public synchronized void sendSignal(Task t, int sig, CpuContext ctx) {
        if (t.isDead() || sig < 1 || sig > 64) {
            return;
        }
        t.pendingSignals |= 1L << (sig - 1);
        if (t.state == Task.State.INTERRUPTIBLE || (sig == Signals.SIGKILL && t.state == Task.State.UNINTERRUPTIBLE)) {
            wake(t, ctx);
        } else if (t.onCpu && ctx != null && t.cpu != ctx.cpuId()) {
            ctx.sendIpi(t.cpu, Vectors.RESCHEDULE);
        }
    }

    /**
     * GET_SIGNAL: dequeue the lowest pending signal into do_signal's buffers (k_sigaction at
     * {@code ka}, all SIG_DFL; siginfo at ka + 0x20; the ksignal's sig at ka + 0xa0); the signal or 0.
     */
    public synchronized long getSignal(CpuContext ctx, long ka) {
        Task t = current[ctx.cpuId()];
        if (t.pendingSignals == 0) {
            return 0;
        }
        int sig = Long.numberOfTrailingZeros(t.pendingSignals) + 1;
        t.pendingSignals &= ~(1L << (sig - 1));
        for (int i = 0; i < 0xa8; i += 8) {
            mem.write64(ka + i, 0);
        }
        mem.write32(ka + 0x20, sig);
        mem.write32(ka + 0xa0, sig);
        return sig;
    }

    /** HANDLE_SIGNAL(ksig, regs): no user handlers exist, so the default action applies. */
    public long handleSignal(CpuContext ctx, long ksig, long regsAddr) {
        int sig = (int) mem.read32(ksig + 0x20);
        Task t;
        synchronized (this) {
            t = current[ctx.cpuId()];
        }
        if (Signals.defaultIgnored(sig)) {
            return 0;
        }
        return exit(ctx, t, sig, sig);
    }

    // ------------------------------------------------------------------ system calls

    /** DO_INT80_SYSCALL(regs): Linux x86-64 numbers; the result goes to regs->ax. */
    public long syscall(CpuContext ctx, long regsAddr) {
        PtRegs regs = PtRegs.at(mem, regsAddr);
        long nr = regs.get(PtRegs.AX);
        long a0 = regs.get(PtRegs.DI), a1 = regs.get(PtRegs.SI);
        Task t;
        synchronized (this) {
            t = current[ctx.cpuId()];
        }
        long r;
        switch ((int) nr) {
            case 60, 231 -> {
                return exit(ctx, t, (a0 & 0xff) << 8, 0);
            }
            case 39 -> r = t.pid();
            case 3 -> {
                kprobesim.kernel.vfs.VfsFile f;
                synchronized (this) {
                    f = t.files.remove((int) a0);
                }
                r = f == null ? Errno.EBADF.neg() : (fileCloser == null ? 0 : closeResult(f));
            }
            case 24 -> {
                synchronized (this) {
                    PerCpu.set(mem, ctx.cpuId(), PerCpu.NEED_RESCHED, 1);
                }
                r = 0;
            }
            case 57 -> {
                synchronized (this) {
                    r = t.mm() == null ? Errno.EINVAL.neg() : forkUser(ctx, t, regs);
                }
            }
            case 62 -> {
                Task target;
                synchronized (this) {
                    target = tasks.get((int) a0);
                }
                if (target == null || target.isDead()) {
                    r = Errno.ESRCH.neg();
                } else {
                    sendSignal(target, (int) a1, ctx);
                    r = 0;
                }
            }
            default -> r = Errno.ENOSYS.neg();
        }
        regs.set(PtRegs.AX, r);
        return r;
    }

    private long closeResult(kprobesim.kernel.vfs.VfsFile f) {
        fileCloser.accept(f);
        return 0;
    }

    /** Installs {@code f} in current's file table at the lowest free descriptor from 3; returns it. */
    public synchronized int installFile(CpuContext ctx, kprobesim.kernel.vfs.VfsFile f) {
        Task t = current[ctx.cpuId()];
        int fd = 3;
        while (t.files.containsKey(fd)) {
            fd++;
        }
        t.files.put(fd, f);
        return fd;
    }

    // ------------------------------------------------------------------ hotplug

    private final boolean[] offline = new boolean[256];

    /**
     * Marks {@code cpu} going offline: its queued tasks move to the other CPUs (migrate_tasks),
     * and it takes no new ones. Its running task moves when it next schedules.
     */
    public synchronized List<Task> cpuDown(int cpu) {
        offline[cpu] = true;
        List<Task> moved = new ArrayList<>();
        for (Task t; (t = rq.get(cpu).pollFirst()) != null; ) {
            t.queued = false;
            if (t.pinnedCpu == cpu) {
                t.pinnedCpu = -1; // the affinity is broken, as Linux does for a dying CPU
            }
            int to = chooseCpu(t, -1);
            enqueue(t, to, null);
            moved.add(t);
        }
        return moved;
    }

    /**
     * Runs on a CPU going offline (a cross-call between two instructions of whatever it runs):
     * its current task, if not idle, is switched out with its full register state, the CPU
     * continues in its idle task, and the task is queued on another CPU, where it resumes at the
     * very instruction it was interrupted at.
     */
    public synchronized void evacuate(CpuContext ctx) {
        int cpu = ctx.cpuId();
        Task t = current[cpu];
        if (t.isIdle()) {
            return;
        }
        long rax = ctx.core().reg(Reg.RAX);
        PerCpu.set(mem, cpu, PerCpu.NEED_RESCHED, 0);
        long idleRax = switchTo(ctx, t, idle[cpu], rax);
        ctx.core().setReg(Reg.RAX, idleRax);
        if (t.pinnedCpu == cpu) {
            t.pinnedCpu = -1;
        }
        if (t.state == Task.State.RUNNING) {
            t.involuntarySwitches++;
            enqueue(t, chooseCpu(t, -1), ctx);
        }
    }

    /** The CPU is back: it takes new and stolen tasks again. */
    public synchronized void cpuUp(int cpu) {
        offline[cpu] = false;
    }

    public synchronized boolean isOffline(int cpu) {
        return offline[cpu];
    }

    /** Every task, dead ones included, in pid order. */
    public synchronized Collection<Task> allTasks() {
        return List.copyOf(tasks.values());
    }
}
