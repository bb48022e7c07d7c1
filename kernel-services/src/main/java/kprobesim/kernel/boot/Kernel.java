package kprobesim.kernel.boot;

import akka.actor.typed.ActorSystem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.exec.GateDescriptor;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.image.Hypercall;
import kprobesim.kernel.image.HypercallTable;
import kprobesim.kernel.image.KernelImage;
import kprobesim.kernel.image.TrapVector;
import kprobesim.kernel.image.UserProgram;
import kprobesim.kernel.machine.ActorMachineControl;
import kprobesim.kernel.machine.KernelControlHypercalls;
import kprobesim.kernel.notifier.DieVal;
import kprobesim.kernel.notifier.KernelNotifiers;
import kprobesim.kernel.notifier.MachineControl;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.printk.KernelLog;
import kprobesim.kernel.printk.LogLevel;
import kprobesim.kernel.sched.PerCpu;
import kprobesim.kernel.sched.Scheduler;
import kprobesim.kernel.smp.KernelSmp;
import kprobesim.kernel.task.KernelMemory;
import kprobesim.kernel.task.Task;
import kprobesim.kernel.text.LockOwner;
import kprobesim.kernel.text.TextHypercalls;
import kprobesim.kernel.text.TextMutex;
import kprobesim.kernel.text.TextPoker;
import kprobesim.kernel.traps.Traps;

/**
 * A booted kernel on a {@link Machine}: the kernel image mapped, the IDT built (one interrupt
 * gate per {@link TrapVector} at {@link KernelImage#entry}; DPL 3 for int3 and int $0x80),
 * per-CPU areas ({@link PerCpu}) and an idle task per CPU (each CPU starts in {@code cpu_idle}
 * on its idle stack), every kernel hypercall service registered in the machine's one
 * hypercall table, printk stamped with virtual time, and the timer tick driving the scheduler
 * ({@link BootConfig} defines virtual time).
 *
 * <p>Usage: {@code Kernel k = Kernel.boot(system, config); k.spawnUser(program);
 * k.start(); k.awaitEnd(timeout); k.log().dmesg(); k.close();}. The machine runs until every
 * CPU stopped: at {@link BootConfig#runForNs} of its virtual time, or (with
 * {@link BootConfig#stopWhenIdle}) once only idle tasks are left.
 */
public final class Kernel implements AutoCloseable {
    /** Where the IDT lives (one page, identity-mapped like the rest of the kernel half). */
    public static final long IDT_BASE = 0xfffffe0000000000L;

    private final BootConfig config;
    private final KernelImage image;
    private final PhysicalMemory mem;
    private final KernelMemory kmem;
    private final KernelLog log;
    private final KernelNotifiers notifiers;
    private final Scheduler scheduler;
    private final Traps traps;
    private final HypercallTable hypercalls = new HypercallTable();
    private final Machine machine;
    private final Control control = new Control();
    private final ActorMachineControl actorControl;
    private final KernelSmp smp;
    private final TextPoker textPoker;
    private final AtomicLong lastStamp = new AtomicLong();
    private final ThreadLocal<CpuContext> running = new ThreadLocal<>();
    /** The in-memory file system, or null when the VFS is a host directory ({@link BootConfig#vfsRoot}). */
    private final kprobesim.kernel.vfs.MemoryFileSystem files;
    private final kprobesim.kernel.vfs.Vfs vfs;

    private Kernel(ActorSystem<?> system, BootConfig config) {
        this.config = config;
        this.image = KernelImage.build(config.profile());
        this.mem = new PhysicalMemory();
        image.mapInto(mem);
        this.log = new KernelLog(4096, this::nanosSinceBoot);
        this.notifiers = new KernelNotifiers(log, control);
        // one allocator for every frame and stack; the killer is looked up late (the scheduler
        // is built on top of this memory)
        this.kmem = new KernelMemory(mem, new kprobesim.kernel.mm.KernelPageAllocator(null, KernelMemory.FRAME_BASE,
                config.memoryPages(), notifiers.oom(), this::oomKill));
        this.scheduler = new Scheduler(config, mem, kmem, image, notifiers.profile());
        this.traps = new Traps(mem, image, log, notifiers.die(), notifiers.panic(), scheduler, config.panicOnOops());
        Idtr idt = buildIdt();
        registerServices();
        if (config.vfsRoot() == null) {
            files = new kprobesim.kernel.vfs.MemoryFileSystem();
            files.mkdir("/tmp");
            vfs = new kprobesim.kernel.vfs.Vfs(files);
        } else {
            files = null;
            vfs = new kprobesim.kernel.vfs.Vfs(hostFiles(config.vfsRoot()));
        }
        scheduler.setFileCloser(vfs::filpClose);
        kprobesim.cpu.actor.HypercallTable table = hypercalls.installInto(new kprobesim.cpu.actor.HypercallTable());
        MachineConfig mc = new MachineConfig(config.cpus(), config.mode(), config.seed(), config.quantum(),
                config.tickNs(), config.runForNs() + 16 * config.tickNs(), Duration.ofSeconds(5), 2000);
        long cpuIdle = image.address("cpu_idle");
        this.machine = Machine.create(system, mc, mem, table, idt, i -> {
            Task idle = scheduler.idleTask(i);
            return Cpu.BootState.kernel(cpuIdle, idle.stack().top() - 8, 0, PerCpu.base(i), idle.stack().top());
        });
        this.actorControl = new ActorMachineControl(machine);
        this.smp = new KernelSmp(machine);
        smp.installHypercalls(table);
        KernelControlHypercalls.install(table, notifiers, actorControl);
        this.textPoker = new TextPoker(machine, image.symbols(), new TextMutex("text_mutex"));
        TextHypercalls.install(table, textPoker, ctx -> LockOwner.task(scheduler.current(ctx.cpuId()).pid()));
        bootMessages();
    }

    /** Builds the kernel and its machine (nothing runs until {@link #start}). */
    public static Kernel boot(ActorSystem<?> system, BootConfig config) {
        return new Kernel(Objects.requireNonNull(system, "system"), Objects.requireNonNull(config, "config"));
    }

    private Idtr buildIdt() {
        mem.map(IDT_BASE, 0x1000);
        for (TrapVector v : TrapVector.values()) {
            int dpl = v == TrapVector.INT3 || v == TrapVector.SYSCALL_INT80 ? 3 : 0;
            GateDescriptor.pack(GateDescriptor.INTERRUPT_GATE, image.entry(v), dpl, 0, GateDescriptor.KERNEL_CS)
                    .writeTo(mem, IDT_BASE, v.vector());
        }
        return new Idtr(IDT_BASE, 0xfff);
    }

    private void bootMessages() {
        String banner = "Linux version " + config.profile().release() + " (kprobesim) #1 SMP";
        log.printk(LogLevel.NOTICE, banner);
        log.printk(LogLevel.INFO, "Kernel profile: " + config.profile().displayName() + ", "
                + config.preempt().configOption() + ", HZ=" + config.hz());
        log.printk(LogLevel.INFO, "smpboot: Booting " + config.cpus() + " CPUs (" + config.mode().name().toLowerCase()
                + " mode)");
    }

    /** printk's clock: the calling CPU's virtual time (its TSC), never less than the last stamp. */
    private long nanosSinceBoot() {
        CpuContext ctx = running.get();
        long t = ctx == null ? 0 : ctx.core().tsc();
        return lastStamp.accumulateAndGet(t, Math::max);
    }

    // ------------------------------------------------------------------ hypercall services

    /** A service with the calling CPU recorded for printk's clock and MachineControl. */
    @FunctionalInterface
    private interface Service {
        long call(CpuContext ctx, long rdi, long rsi, long rdx, long rcx, long r8, long r9);
    }

    private void svc(Hypercall h, Service s) {
        hypercalls.registerCpu(h, (ctx, rdi, rsi, rdx, rcx, r8, r9) -> {
            CpuContext outer = running.get();
            running.set(ctx);
            try {
                return actorControl.onCpu(ctx, () -> s.call(ctx, rdi, rsi, rdx, rcx, r8, r9));
            } finally {
                running.set(outer);
            }
        });
    }

    private void registerServices() {
        svc(Hypercall.DO_DIVIDE_ERROR, (c, di, si, dx, cx, r8, r9) -> traps.doDivideError(c, di));
        svc(Hypercall.DO_DEBUG, (c, di, si, dx, cx, r8, r9) -> traps.doDebug(c, di));
        svc(Hypercall.DO_NMI, (c, di, si, dx, cx, r8, r9) -> traps.doNmi(c, di));
        svc(Hypercall.DO_INT3, (c, di, si, dx, cx, r8, r9) -> traps.doInt3(c, di));
        svc(Hypercall.DO_INVALID_OP, (c, di, si, dx, cx, r8, r9) -> traps.doInvalidOp(c, di));
        svc(Hypercall.DO_GENERAL_PROTECTION, (c, di, si, dx, cx, r8, r9) -> traps.doGeneralProtection(c, di, si));
        svc(Hypercall.DO_PAGE_FAULT, (c, di, si, dx, cx, r8, r9) -> traps.doPageFault(c, di, si));
        svc(Hypercall.SMP_APIC_TIMER_INTERRUPT, (c, di, si, dx, cx, r8, r9) -> scheduler.timerTick(c, di));
        // cross-calls run as CallFunction messages of the CPU actors; nothing is queued in guest memory
        svc(Hypercall.SMP_CALL_FUNCTION_INTERRUPT, (c, di, si, dx, cx, r8, r9) -> 0);
        svc(Hypercall.SMP_RESCHEDULE_INTERRUPT, (c, di, si, dx, cx, r8, r9) -> scheduler.rescheduleInterrupt(c));
        svc(Hypercall.IRQENTRY_EXIT_COND_RESCHED, (c, di, si, dx, cx, r8, r9) -> scheduler.irqExitCondResched(c, di));
        svc(Hypercall.EXIT_TO_USER_MODE_WORK, (c, di, si, dx, cx, r8, r9) -> scheduler.exitToUserModeWork(c, di));
        svc(Hypercall.NOTIFY_DIE, (c, di, si, dx, cx, r8, r9) -> notifyDieFromGuest(di, si, dx, cx, r8, r9));
        // notifier heads in guest memory are not modelled: Java chains only, a guest walk finds nothing
        svc(Hypercall.ATOMIC_NOTIFIER_CALL_CHAIN, (c, di, si, dx, cx, r8, r9) -> Notify.DONE);
        svc(Hypercall.BLOCKING_NOTIFIER_CALL_CHAIN, (c, di, si, dx, cx, r8, r9) -> Notify.DONE);
        svc(Hypercall.RAW_NOTIFIER_CALL_CHAIN, (c, di, si, dx, cx, r8, r9) -> Notify.DONE);
        svc(Hypercall.FORK, scheduler::fork);
        svc(Hypercall.DO_EXIT, (c, di, si, dx, cx, r8, r9) -> scheduler.doExit(c, di));
        boolean ksignal = config.profile().version().atLeast(3, 17);
        svc(Hypercall.GET_SIGNAL, (c, di, si, dx, cx, r8, r9) -> scheduler.getSignal(c, ksignal ? di : si));
        svc(Hypercall.HANDLE_SIGNAL, (c, di, si, dx, cx, r8, r9) -> scheduler.handleSignal(c, di, si));
        svc(Hypercall.SCHEDULE, (c, di, si, dx, cx, r8, r9) -> scheduler.scheduleCall(c));
        svc(Hypercall.SCHEDULE_TAIL, (c, di, si, dx, cx, r8, r9) -> scheduler.scheduleTail(c, di));
        svc(Hypercall.TIMER_ARM, (c, di, si, dx, cx, r8, r9) -> scheduler.timerArm(c, di));
        svc(Hypercall.TIMER_CANCEL, (c, di, si, dx, cx, r8, r9) -> scheduler.timerCancel(c, di));
        svc(Hypercall.SET_CURRENT_STATE, (c, di, si, dx, cx, r8, r9) -> scheduler.setCurrentState(c, di));
        svc(Hypercall.MSECS_TO_JIFFIES, (c, di, si, dx, cx, r8, r9) -> scheduler.msecsToJiffies(di));
        svc(Hypercall.HRTIMER_ARM, (c, di, si, dx, cx, r8, r9) -> scheduler.hrtimerArm(c, di));
        svc(Hypercall.HRTIMER_CANCEL, (c, di, si, dx, cx, r8, r9) -> scheduler.hrtimerCancel(c));
        svc(Hypercall.PRINTK, (c, di, si, dx, cx, r8, r9) -> log.printk(cString(di, 992)));
        svc(Hypercall.DO_INT80_SYSCALL, (c, di, si, dx, cx, r8, r9) -> scheduler.syscall(c, di));
        svc(Hypercall.COND_RESCHED, (c, di, si, dx, cx, r8, r9) -> scheduler.condResched(c));
        svc(Hypercall.DO_SYS_OPEN, (c, di, si, dx, cx, r8, r9) -> doSysOpen(c, si, dx, cx));
        svc(Hypercall.PREPARE_TO_WAIT, (c, di, si, dx, cx, r8, r9) -> scheduler.prepareToWait(c, di, dx));
        svc(Hypercall.FINISH_WAIT, (c, di, si, dx, cx, r8, r9) -> scheduler.finishWait(c, di));
        svc(Hypercall.WAKE_UP, (c, di, si, dx, cx, r8, r9) -> scheduler.wakeUp(c, di));
        svc(Hypercall.PREEMPT_SCHEDULE, (c, di, si, dx, cx, r8, r9) -> scheduler.preemptSchedule(c));
    }

    /**
     * do_sys_open(dfd, filename, flags, mode): the path is read through the calling CPU's
     * current translation (a user pointer in the user's address space; an unmapped byte is
     * -EFAULT), opened in the kernel's in-memory file system and installed in current's file
     * table; the descriptor or -errno.
     */
    private long doSysOpen(CpuContext c, long filename, long flags, long mode) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; ; i++) {
            if (i >= kprobesim.kernel.vfs.Vfs.PATH_MAX) {
                return kprobesim.kernel.errno.Errno.ENAMETOOLONG.neg();
            }
            long pa = c.core().physicalAddress(filename + i, false);
            if (pa < 0) {
                return kprobesim.kernel.errno.Errno.EFAULT.neg();
            }
            int b = mem.read8(pa);
            if (b == 0) {
                break;
            }
            path.append((char) b);
        }
        kprobesim.kernel.errno.ErrOr<kprobesim.kernel.vfs.VfsFile> f = vfs.filpOpen(path.toString(), (int) flags, (int) mode);
        if (f instanceof kprobesim.kernel.errno.ErrOr.Value<kprobesim.kernel.vfs.VfsFile> v) {
            return scheduler.installFile(c, v.value());
        }
        return f.errno().neg();
    }

    private long notifyDieFromGuest(long val, long str, long regs, long err, long trap, long sig) {
        DieVal v = DieVal.of(val).orElse(null);
        if (v == null) {
            return Notify.DONE;
        }
        return notifiers.die().notifyDie(v, cString(str, 128), regs, err, (int) trap, (int) sig);
    }

    private String cString(long addr, int max) {
        if (addr == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < max; i++) {
            int b = mem.read8(addr + i);
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ API

    /** Starts a user task running {@code program} (comm: its file name without .S); its pid or -EAGAIN. */
    public long spawnUser(UserProgram program) {
        return scheduler.spawnUser(program, commOf(program.name()));
    }

    /** The comm of a program file: the base name without {@code .S}/{@code .s}, at most 15 characters. */
    public static String commOf(String fileName) {
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        if (n.endsWith(".S") || n.endsWith(".s")) {
            n = n.substring(0, n.length() - 2);
        }
        return n.length() > 15 ? n.substring(0, 15) : n;
    }

    /** kthread_run(symbol, arg): a kernel thread calling {@code symbol(arg)}; pinned to {@code cpu} unless -1. */
    public long spawnKernelThread(String symbol, long arg, String comm, int cpu) {
        return scheduler.spawnKernelThread(image.address(symbol), arg, comm, cpu);
    }

    /**
     * {@code kill(pid, sig)} from outside the machine: queues the signal (a sleeping task wakes
     * if the signal may wake it); it is delivered when the task next returns to user mode (at the
     * latest on the next timer tick). Kernel threads never return to user mode and ignore it.
     * Returns 0, or -ESRCH for an unknown or dead task.
     */
    public int kill(int pid, int sig) {
        Task t = scheduler.task(pid);
        if (t == null || t.isDead()) {
            return kprobesim.kernel.errno.Errno.ESRCH.neg();
        }
        scheduler.sendSignal(t, sig, null);
        return 0;
    }

    /** Starts every CPU. */
    public void start() {
        machine.start();
    }

    /** Completes when every CPU stopped (the run ended) or a CPU actor crashed. */
    public CompletionStage<Void> end() {
        return machine.quiescent();
    }

    /** Blocks until {@link #end} (for CLIs and tests); false on timeout. */
    public boolean awaitEnd(Duration timeout) {
        try {
            end().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public BootConfig config() {
        return config;
    }

    public KernelImage image() {
        return image;
    }

    public Machine machine() {
        return machine;
    }

    public PhysicalMemory memory() {
        return mem;
    }

    public KernelMemory kernelMemory() {
        return kmem;
    }

    public KernelLog log() {
        return log;
    }

    public KernelNotifiers notifiers() {
        return notifiers;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Traps traps() {
        return traps;
    }

    /** halt / power-off / restart / panic stop of the machine, with the run's outcome. */
    public ActorMachineControl machineControl() {
        return actorControl;
    }

    /** smp_call_function, on_each_cpu, stop_machine. */
    public KernelSmp smp() {
        return smp;
    }

    /** text_mutex and text_poke for this kernel's text. */
    public TextPoker textPoker() {
        return textPoker;
    }

    /**
     * The OOM killer ({@code oom_kill_process}): SIGKILL to the user task with the largest RSS and
     * Linux's report line. Returns 0 pages: the victim's frames come back when it exits (on its
     * next way back to user mode), as before Linux 4.6 added the OOM reaper; the request that
     * triggered the kill fails, or, for the victim's own page fault, the victim dies. In the line,
     * total-vm is the size of its VMAs and anon-rss its resident pages (all private copies here:
     * the program's sections are copied, not mapped from a file, so file-rss and shmem-rss are 0).
     */
    private long oomKill(int order) {
        if (scheduler == null) {
            return 0; // the idle stacks at boot: no task exists yet, nobody to kill
        }
        Scheduler.OomVictim v = scheduler.selectOomVictim();
        if (v == null) {
            return 0;
        }
        log.printk(kprobesim.kernel.printk.LogLevel.ERR, String.format(
                "Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, shmem-rss:0kB",
                v.task().pid(), v.task().comm(), v.totalVmKb(), v.anonRssKb()));
        scheduler.sendSignal(v.task(), kprobesim.kernel.signal.Signals.SIGKILL, running.get());
        return 0;
    }

    /**
     * The VFS behind open(2) and do_sys_open: an in-memory file system with an empty /tmp, or the
     * sandboxed host directory of {@link BootConfig#vfsRoot}.
     */
    public kprobesim.kernel.vfs.Vfs vfs() {
        return vfs;
    }

    /** The in-memory file system behind {@link #vfs()}; an error when the VFS is a host directory. */
    public kprobesim.kernel.vfs.MemoryFileSystem files() {
        if (files == null) {
            throw new IllegalStateException("the VFS is a host directory: vfsRoot=" + config.vfsRoot());
        }
        return files;
    }

    /** A bad root is a configuration error (the CLI checks it first and reports one line). */
    private static kprobesim.kernel.vfs.FileSystem hostFiles(java.nio.file.Path root) {
        try {
            return new kprobesim.kernel.vfs.HostDirectoryFileSystem(root);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot use the VFS root: vfsRoot=" + root + ": " + e.getMessage(), e);
        }
    }

    /** The kernel's view of the machine's hypercall table (numbering, unhandled count). */
    public HypercallTable hypercalls() {
        return hypercalls;
    }

    /** Every task but the idle tasks, in pid order. */
    public List<Task> tasks() {
        return scheduler.tasks();
    }

    /** The CPU hotplug path: moves the CPU's queued tasks away, then takes it offline. */
    public CompletionStage<?> cpuDown(int cpu) {
        List<Task> moved = scheduler.cpuDown(cpu);
        log.printk(LogLevel.INFO, "smpboot: CPU " + cpu + " is now offline (" + moved.size() + " tasks migrated)");
        return machine.request(cpu, reply -> new Cpu.CallFunction(scheduler::evacuate, reply))
                .thenCompose(r -> machine.request(cpu, Cpu.Offline::new));
    }

    /** Brings an offlined CPU back: it resumes its idle task and takes tasks again. */
    public CompletionStage<?> cpuUp(int cpu) {
        return machine.request(cpu, Cpu.Online::new).thenApply(r -> {
            scheduler.cpuUp(cpu);
            log.printk(LogLevel.INFO, "smpboot: CPU " + cpu + " is up");
            return r;
        });
    }

    @Override
    public void close() {
        machine.close();
    }

    /** The notifiers' MachineControl: the machine's {@link ActorMachineControl} once it exists. */
    private final class Control implements MachineControl {
        @Override
        public void stopOtherCpus() {
            actorControl.stopOtherCpus();
        }

        @Override
        public void halt() {
            actorControl.halt();
        }

        @Override
        public void powerOff() {
            actorControl.powerOff();
        }

        @Override
        public void restart(String cmd) {
            actorControl.restart(cmd);
        }
    }
}
