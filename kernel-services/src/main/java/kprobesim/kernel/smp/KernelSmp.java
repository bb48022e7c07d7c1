package kprobesim.kernel.smp;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.CpuFunction;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.smp.Smp;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.image.Hypercall;

/**
 * The kernel's SMP cross-call API ({@code kernel/smp.c}, {@code kernel/stop_machine.c}) for Java
 * kernel code and for machine code.
 *
 * <p>From Java these are thin wrappers over {@link Smp} (which the CPU actors already provide);
 * nothing blocks, results are {@link CompletionStage}s. From machine code they are the hypercalls
 * {@link Hypercall#SMP_CALL_FUNCTION}, {@link Hypercall#ON_EACH_CPU} and
 * {@link Hypercall#STOP_MACHINE}: the {@code func} argument is the kernel address of a
 * {@link CrossCall} registered with {@link #registerFunction} (the body is Java: a guest function
 * pointer would need an IPI handler running guest code, which belongs to the scheduler's
 * interrupt entry). With {@code wait}, the calling CPU executes no guest code until all other
 * online CPUs acknowledged; rax is then 0, or {@code -ETIMEDOUT} if one did not answer within the
 * machine's SMP timeout. An unregistered function is {@code -EINVAL}. A {@code stop_machine} body
 * gets the calling CPU's context; it runs inside the exclusive section (in deterministic mode on
 * the clock's thread, while the calling CPU waits), so it may touch memory and that CPU's state
 * but must not start broadcasts.
 *
 * <p>Thread-safe: the function registry is a concurrent map; each call runs on the CPU that makes
 * it.
 */
public final class KernelSmp {
    private final Machine machine;
    /** Kernel address -&gt; cross-call body. */
    private final ConcurrentHashMap<Long, CrossCall> functions = new ConcurrentHashMap<>();

    public KernelSmp(Machine machine) {
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    // ------------------------------------------------------------------ Java

    /** {@code smp_call_function(fn, wait)}: every online CPU (from Java there is no "this CPU"). */
    public CompletionStage<BroadcastResult> smpCallFunction(CpuFunction fn, boolean wait) {
        return Smp.smpCallFunction(machine, fn, wait);
    }

    /** {@code on_each_cpu(fn, wait)}: every online CPU. */
    public CompletionStage<BroadcastResult> onEachCpu(CpuFunction fn, boolean wait) {
        return Smp.onEachCpu(machine, fn, wait);
    }

    /** {@code stop_machine(fn)}: {@code fn} runs while no CPU executes guest code. */
    public CompletionStage<Void> stopMachine(Runnable fn) {
        return Smp.stopMachine(machine, fn);
    }

    // ------------------------------------------------------------------ machine code

    /** Makes {@code fn} callable from machine code as the function at kernel address {@code addr}. */
    public KernelSmp registerFunction(long addr, CrossCall fn) {
        functions.put(addr, Objects.requireNonNull(fn, "fn"));
        return this;
    }

    public void unregisterFunction(long addr) {
        functions.remove(addr);
    }

    /**
     * Registers the SMP_CALL_FUNCTION, ON_EACH_CPU and STOP_MACHINE services on the machine's
     * hypercall table (the one {@link Machine#create} was given).
     */
    public void installHypercalls(HypercallTable table) {
        table.register(Hypercall.SMP_CALL_FUNCTION.nr(), (ctx, fn, info, wait, a, b, c) -> call(ctx, fn, info, wait, false));
        table.register(Hypercall.ON_EACH_CPU.nr(), (ctx, fn, info, wait, a, b, c) -> call(ctx, fn, info, wait, true));
        table.register(Hypercall.STOP_MACHINE.nr(), (ctx, fn, data, a, b, c, d) -> {
            CrossCall f = functions.get(fn);
            if (f == null) {
                return Errno.EINVAL.neg();
            }
            Smp.stopMachine(ctx, () -> f.call(ctx, data), () -> { });
            return 0;
        });
    }

    private long call(CpuContext ctx, long fn, long info, long wait, boolean here) {
        CrossCall f = functions.get(fn);
        if (f == null) {
            return Errno.EINVAL.neg();
        }
        CpuFunction body = c -> f.call(c, info);
        if (here) {
            body.run(ctx);
        }
        Smp.smpCallFunction(ctx, body, wait != 0, r -> {
            if (wait != 0) {
                ctx.core().setReg(kprobesim.cpu.isa.Reg.RAX, r.complete() ? 0 : Errno.ETIMEDOUT.neg());
            }
        });
        return 0;
    }
}
