package kprobesim.kernel.image;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import kprobesim.cpu.exec.HypercallHandler;
import kprobesim.cpu.exec.X86Core;
import kprobesim.kernel.printk.KernelLog;

/**
 * The Java side of {@link Hypercall}: number → service. Install it on every core with
 * {@link X86Core#setHypercallHandler}; the boot code registers one service per hypercall.
 *
 * <p>A number without a service returns the machine's {@code -KVM_ENOSYS} (-1000, what KVM
 * returns for an unknown hypercall) and is counted in {@link #unhandled()}, so tests can assert none happened.
 *
 * <h2>Assumptions and Guarantees</h2>
 * Services are registered before cores run, but registration is safe at any time: the slots
 * are an {@link AtomicReferenceArray}, so a core sees either the old or the new service.
 * {@link #hypercall} takes no lock and allocates nothing; it runs on the calling core's
 * thread, and the service must be safe to run on every core at once.
 */
public final class HypercallTable implements HypercallHandler {
    private final AtomicReferenceArray<HypercallHandler> services = new AtomicReferenceArray<>(Hypercall.maxNr() + 1);
    private final AtomicLong unhandled = new AtomicLong();
    /** Services that need the calling CPU (its id, TSS, cross-CPU primitives): the boot code's. */
    private final AtomicReferenceArray<kprobesim.cpu.actor.Hypercall> cpuServices =
            new AtomicReferenceArray<>(Hypercall.maxNr() + 1);

    /**
     * Registers a service that needs the calling CPU's {@link kprobesim.cpu.actor.CpuContext}
     * (the context switch, traps); it wins over a core-level one for the same call.
     */
    public HypercallTable registerCpu(Hypercall call, kprobesim.cpu.actor.Hypercall service) {
        cpuServices.set(Objects.requireNonNull(call, "call").nr(), Objects.requireNonNull(service, "service"));
        return this;
    }

    /**
     * Makes this table the kernel part of the machine's one hypercall table: every
     * {@link Hypercall} number of {@code machine} is routed here (so calls without a service are
     * counted in {@link #unhandled()}); the kernel's numbering wins: the actor layer's built-ins
     * SEND_IPI, CPU_ID and SYNC_CORE (10-12) are shadowed by SMP_RESCHEDULE_INTERRUPT,
     * IRQENTRY_EXIT_COND_RESCHED and EXIT_TO_USER_MODE_WORK on a booted kernel (kernel code
     * reaches those services through its own functions). Returns {@code machine}.
     */
    public kprobesim.cpu.actor.HypercallTable installInto(kprobesim.cpu.actor.HypercallTable machine) {
        for (Hypercall h : Hypercall.values()) {
            int nr = h.nr();
            machine.register(nr, (ctx, rdi, rsi, rdx, rcx, r8, r9) -> {
                kprobesim.cpu.actor.Hypercall c = cpuServices.get(nr);
                if (c != null) {
                    return c.call(ctx, rdi, rsi, rdx, rcx, r8, r9);
                }
                return hypercall(ctx.core(), nr, rdi, rsi, rdx, rcx, r8, r9);
            });
        }
        return machine;
    }

    /** Registers {@code service} for {@code call}, replacing any earlier one. */
    public HypercallTable register(Hypercall call, HypercallHandler service) {
        services.set(Objects.requireNonNull(call, "call").nr(), Objects.requireNonNull(service, "service"));
        return this;
    }

    /** True if {@code call} has a service. */
    public boolean handles(Hypercall call) {
        return services.get(call.nr()) != null || cpuServices.get(call.nr()) != null;
    }

    /**
     * Registers the services simple enough to need no kernel state: {@link Hypercall#PRINTK}
     * (reads the NUL-terminated message at rdi, at most {@link #PRINTK_MAX} bytes, into
     * {@code log}; returns its length).
     */
    public HypercallTable withPrintk(KernelLog log) {
        Objects.requireNonNull(log, "log");
        return register(Hypercall.PRINTK, (core, nr, rdi, rsi, rdx, rcx, r8, r9) -> {
            String message = cString(core, rdi, PRINTK_MAX);
            log.printk(message);
            return message.length();
        });
    }

    /** Longest printk message read from guest memory (Linux's LOG_LINE_MAX is 1024 - 32). */
    public static final int PRINTK_MAX = 992;

    /** The NUL-terminated string at {@code addr}, at most {@code max} bytes, as Latin-1. */
    static String cString(X86Core core, long addr, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < max; i++) {
            int b = core.memory().read8(addr + i);
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }

    /** Calls with a number that had no service (or no {@link Hypercall} at all). */
    public long unhandled() {
        return unhandled.get();
    }

    @Override
    public long hypercall(X86Core core, int nr, long rdi, long rsi, long rdx, long rcx, long r8, long r9) {
        HypercallHandler h = nr >= 0 && nr < services.length() ? services.get(nr) : null;
        if (h == null) {
            unhandled.incrementAndGet();
            return kprobesim.cpu.actor.HypercallTable.ENOSYS;
        }
        return h.hypercall(core, nr, rdi, rsi, rdx, rcx, r8, r9);
    }
}
