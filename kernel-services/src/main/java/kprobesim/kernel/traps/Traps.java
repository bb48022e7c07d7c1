package kprobesim.kernel.traps;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.image.KernelImage;
import kprobesim.kernel.image.PtRegs;
import kprobesim.kernel.notifier.DieNotifier;
import kprobesim.kernel.notifier.DieVal;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.notifier.PanicNotifier;
import kprobesim.kernel.printk.KernelLog;
import kprobesim.kernel.printk.LogLevel;
import kprobesim.kernel.sched.Scheduler;
import kprobesim.kernel.signal.Signals;
import kprobesim.kernel.task.Task;
import kprobesim.kernel.task.UserMm;

/**
 * The C-level trap handlers: {@code do_divide_error}, {@code do_int3}, {@code do_debug},
 * {@code do_nmi}, {@code do_invalid_op}, {@code do_general_protection}, {@code do_page_fault}.
 *
 * <p>Each first asks the die chain ({@code notify_die}: DIE_TRAP, DIE_INT3, DIE_DEBUG, DIE_GPF,
 * DIE_NMI); a NOTIFY_STOP answer means a notifier (kprobes) handled it, having edited pt_regs
 * as it needed. Otherwise a user task gets a signal (SIGFPE, SIGTRAP, SIGILL, SIGSEGV) and,
 * for the faults Linux reports, a dmesg line in Linux's format:
 * <pre>
 *   test1[3] trap divide error ip:400506 sp:7ffffffeff0 error:0 in test1[400000+1000]
 *   test2[4]: segfault at 0 ip 0000000000400004 sp 00007fffffffeff0 error 4 in test2[400000+1000]
 * </pre>
 * A fault in kernel mode is an oops: a report (the fault, CPU/PID/Comm, RIP as
 * {@code symbol+off/size} with {@code file.S:line}, the registers), DIE_OOPS on the die chain,
 * then the task is killed ({@code do_exit(SIGSEGV)}-like) and the machine keeps running, or
 * {@code panic("Fatal exception")} with panic_on_oops.
 *
 * <p>Page faults from user mode inside a VMA are demand paged (a zeroed page, then the access
 * is retried).
 */
public final class Traps {
    public static final int X86_TRAP_DE = 0, X86_TRAP_DB = 1, X86_TRAP_NMI = 2, X86_TRAP_BP = 3, X86_TRAP_UD = 6,
            X86_TRAP_GP = 13, X86_TRAP_PF = 14;

    private final PhysicalMemory mem;
    private final KernelImage image;
    private final KernelLog log;
    private final DieNotifier die;
    private final PanicNotifier panic;
    private final Scheduler sched;
    private final boolean panicOnOops;
    private final AtomicInteger oopsCount = new AtomicInteger();
    private final AtomicLong userFaults = new AtomicLong();

    public Traps(PhysicalMemory mem, KernelImage image, KernelLog log, DieNotifier die, PanicNotifier panic,
            Scheduler sched, boolean panicOnOops) {
        this.mem = mem;
        this.image = image;
        this.log = log;
        this.die = die;
        this.panic = panic;
        this.sched = sched;
        this.panicOnOops = panicOnOops;
    }

    public int oopses() {
        return oopsCount.get();
    }

    private Task current(CpuContext ctx) {
        return sched.current(ctx.cpuId());
    }

    // ------------------------------------------------------------------ the handlers

    public long doDivideError(CpuContext ctx, long regs) {
        return doTrap(ctx, regs, 0, X86_TRAP_DE, "divide error", Signals.SIGFPE);
    }

    public long doInvalidOp(CpuContext ctx, long regs) {
        return doTrap(ctx, regs, 0, X86_TRAP_UD, "invalid opcode", Signals.SIGILL);
    }

    /** do_trap: DIE_TRAP first; a user task gets the signal and the "trap" line; the kernel oopses. */
    private long doTrap(CpuContext ctx, long regsAddr, long error, int trapnr, String str, int sig) {
        if (die.notifyDie(DieVal.DIE_TRAP, str, regsAddr, error, trapnr, sig) == Notify.STOP) {
            return 0;
        }
        PtRegs regs = PtRegs.at(mem, regsAddr);
        if (regs.userMode()) {
            Task t = current(ctx);
            userFaults.incrementAndGet();
            log.printk(LogLevel.INFO, String.format("%s[%d] trap %s ip:%x sp:%x error:%x%s", t.comm(), t.pid(), str,
                    regs.ip(), regs.sp(), error, vmaSuffix(t, regs.ip())));
            sched.sendSignal(t, sig, ctx);
            return 0;
        }
        return oops(ctx, regsAddr, String.format("%s: %04x", str, error), error, trapnr, sig, null);
    }

    public long doInt3(CpuContext ctx, long regsAddr) {
        if (die.notifyDie(DieVal.DIE_INT3, "int3", regsAddr, 0, X86_TRAP_BP, Signals.SIGTRAP) == Notify.STOP) {
            return 0;
        }
        PtRegs regs = PtRegs.at(mem, regsAddr);
        if (regs.userMode()) {
            sched.sendSignal(current(ctx), Signals.SIGTRAP, ctx);
            return 0;
        }
        return oops(ctx, regsAddr, "int3: 0000", 0, X86_TRAP_BP, Signals.SIGTRAP, null);
    }

    public long doDebug(CpuContext ctx, long regsAddr) {
        if (die.notifyDie(DieVal.DIE_DEBUG, "debug", regsAddr, 0, X86_TRAP_DB, Signals.SIGTRAP) == Notify.STOP) {
            return 0;
        }
        PtRegs regs = PtRegs.at(mem, regsAddr);
        if (regs.userMode()) {
            sched.sendSignal(current(ctx), Signals.SIGTRAP, ctx);
        } else {
            regs.setFlags(regs.flags() & ~Flags.TF); // a stray kernel single-step: clear TF and go on
        }
        return 0;
    }

    public long doNmi(CpuContext ctx, long regsAddr) {
        die.notifyDie(DieVal.DIE_NMI, "nmi", regsAddr, 0, X86_TRAP_NMI, 0);
        return 0;
    }

    public long doGeneralProtection(CpuContext ctx, long regsAddr, long error) {
        if (die.notifyDie(DieVal.DIE_GPF, "general protection fault", regsAddr, error, X86_TRAP_GP, Signals.SIGSEGV)
                == Notify.STOP) {
            return 0;
        }
        PtRegs regs = PtRegs.at(mem, regsAddr);
        if (regs.userMode()) {
            Task t = current(ctx);
            userFaults.incrementAndGet();
            log.printk(LogLevel.INFO, String.format("%s[%d] general protection ip:%x sp:%x error:%x%s", t.comm(),
                    t.pid(), regs.ip(), regs.sp(), error, vmaSuffix(t, regs.ip())));
            sched.sendSignal(t, Signals.SIGSEGV, ctx);
            return 0;
        }
        return oops(ctx, regsAddr, String.format("general protection fault: %04x", error), error, X86_TRAP_GP,
                Signals.SIGSEGV, null);
    }

    /** do_page_fault(regs, error): the address is in CR2. */
    public long doPageFault(CpuContext ctx, long regsAddr, long error) {
        long addr = ctx.core().cr2();
        PtRegs regs = PtRegs.at(mem, regsAddr);
        Task t = current(ctx);
        boolean user = (error & 4) != 0;
        if (t.mm() != null && addr >= 0 && addr < (1L << 47)) {
            UserMm.Fault fault;
            synchronized (sched) {
                fault = t.mm().handleFault(addr, error);
            }
            if (fault == UserMm.Fault.MAPPED) {
                return 0;
            }
            if (fault == UserMm.Fault.NO_MEMORY && user) {
                // VM_FAULT_OOM; the OOM killer already ran inside the allocator. If it picked this
                // task, SIGKILL is pending and the task dies on its way back to user mode; if it
                // picked another task, the access is retried while that one exits (Linux's
                // pagefault_out_of_memory). With no victim on its way out nothing will free
                // memory, so this task is killed rather than left faulting forever.
                if (!sched.oomVictimExiting()) {
                    sched.sendSignal(t, Signals.SIGKILL, ctx);
                }
                return 0;
            }
            if (user) {
                userFaults.incrementAndGet();
                log.printk(LogLevel.INFO, String.format("%s[%d]: segfault at %x ip %016x sp %016x error %x%s",
                        t.comm(), t.pid(), addr, regs.ip(), regs.sp(), error, vmaSuffix(t, regs.ip())));
                sched.sendSignal(t, Signals.SIGSEGV, ctx);
                return 0;
            }
        }
        String bug = Long.compareUnsigned(addr, 4096) < 0
                ? String.format("BUG: unable to handle kernel NULL pointer dereference at %016x", addr)
                : String.format("BUG: unable to handle kernel paging request at %016x", addr);
        return oops(ctx, regsAddr, String.format("Oops: %04x", error), error, X86_TRAP_PF, Signals.SIGKILL, bug);
    }

    /** print_vma_addr: " in comm[start+size]" for the VMA holding ip, or "". */
    private String vmaSuffix(Task t, long ip) {
        if (t.mm() == null) {
            return "";
        }
        Optional<UserMm.Vma> v = t.mm().findVma(ip);
        return v.map(x -> String.format(" in %s[%x+%x]", x.name(), x.start(), x.end() - x.start())).orElse("");
    }

    // ------------------------------------------------------------------ oops

    /**
     * die(): the report, DIE_OOPS on the die chain (NOTIFY_STOP: a notifier took it, the task
     * resumes), then panic (panic_on_oops) or the task is killed and the CPU switches away.
     */
    private long oops(CpuContext ctx, long regsAddr, String header, long error, int trapnr, int sig, String bug) {
        PtRegs regs = PtRegs.at(mem, regsAddr);
        Task t = current(ctx);
        int n = oopsCount.incrementAndGet();
        if (bug != null) {
            log.printk(LogLevel.ALERT, bug);
            log.printk(LogLevel.ALERT, "IP: [<" + hex(regs.ip()) + ">] " + image.symbols().describe(regs.ip()));
        }
        log.printk(LogLevel.EMERG, header + " [#" + n + "] SMP");
        if (die.notifyDie(DieVal.DIE_OOPS, header, regsAddr, error, trapnr, sig) == Notify.STOP) {
            return 0;
        }
        String where = image.symbols().addr2line(regs.ip()).orElse("??:0");
        log.printk(LogLevel.WARNING, String.format("CPU: %d PID: %d Comm: %s Not tainted %s #1", ctx.cpuId(), t.pid(), t.comm(),
                image.profile().release()));
        log.printk(LogLevel.WARNING, String.format("RIP: %04x:[<%s>]  %s (%s)", regs.get(PtRegs.CS), hex(regs.ip()),
                image.symbols().describe(regs.ip()), where));
        log.printk(LogLevel.WARNING, String.format("RSP: %04x:%s  EFLAGS: %08x", regs.get(PtRegs.SS), hex(regs.sp()),
                regs.flags()));
        log.printk(LogLevel.WARNING, String.format("RAX: %s RBX: %s RCX: %s", hex(regs.get(PtRegs.AX)),
                hex(regs.get(PtRegs.BX)), hex(regs.get(PtRegs.CX))));
        log.printk(LogLevel.WARNING, String.format("RDX: %s RSI: %s RDI: %s", hex(regs.get(PtRegs.DX)),
                hex(regs.get(PtRegs.SI)), hex(regs.get(PtRegs.DI))));
        log.printk(LogLevel.WARNING, String.format("RBP: %s R08: %s R09: %s", hex(regs.get(PtRegs.BP)),
                hex(regs.get(PtRegs.R8)), hex(regs.get(PtRegs.R9))));
        log.printk(LogLevel.WARNING, String.format("R10: %s R11: %s R12: %s", hex(regs.get(PtRegs.R10)),
                hex(regs.get(PtRegs.R11)), hex(regs.get(PtRegs.R12))));
        log.printk(LogLevel.WARNING, String.format("R13: %s R14: %s R15: %s", hex(regs.get(PtRegs.R13)),
                hex(regs.get(PtRegs.R14)), hex(regs.get(PtRegs.R15))));
        log.printk(LogLevel.WARNING, String.format("CR2: %s CR3: %s", hex(ctx.core().cr2()), hex(ctx.core().cr3())));
        log.printk(LogLevel.WARNING, String.format("---[ end trace %016x ]---", n));
        if (panicOnOops || t.isIdle()) {
            panic.panic(t.isIdle() ? "Attempted to kill the idle task!" : "Fatal exception");
            sched.stopCpu(ctx);
            return 0;
        }
        return sched.exit(ctx, t, sig, sig);
    }

    private static String hex(long v) {
        return String.format("%016x", v);
    }
}
