package kprobesim.cpu.smp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.CpuFunction;
import kprobesim.cpu.actor.Reply;
import kprobesim.cpu.machine.Machine;

/**
 * Linux's SMP cross-call API over the CPU actors ({@code kernel/smp.c}):
 * {@code smp_call_function}, {@code on_each_cpu}, {@code text_poke_sync} (SyncCore everywhere),
 * TLB shootdown, and {@code stop_machine} on top of exclusive sections.
 *
 * <p>Each call exists twice: from Java (a {@link Machine}; the result is a {@link CompletionStage},
 * nothing blocks) and from a CPU (a {@link CpuContext}; the initiating CPU stops executing guest
 * code until every acknowledgement or the timeout, while its actor keeps serving messages, and
 * then runs the continuation). Offline CPUs are skipped: they are not targeted, and one that goes
 * offline after being targeted answers "offline". A CPU that never answers (interrupts off, dead)
 * shows up in {@link BroadcastResult#timedOut()} after the machine's SMP timeout.
 */
public final class Smp {
    private Smp() {}

    // ------------------------------------------------------------------ from Java

    /**
     * Runs {@code fn} on every online CPU. With {@code wait}, completes after all acknowledged
     * (or the timeout); without, completes once the requests are sent.
     */
    public static CompletionStage<BroadcastResult> smpCallFunction(Machine m, CpuFunction fn, boolean wait) {
        int[] targets = m.board().onlineCpus(-1);
        if (!wait) {
            Cpu.Command[] c = new Cpu.Command[targets.length];
            java.util.Arrays.fill(c, new Cpu.CallFunction(fn, Reply.none()));
            m.interconnect().sendBatch(targets, c);
            return CompletableFuture.completedFuture(BroadcastResult.EMPTY);
        }
        return m.broadcast(targets, r -> new Cpu.CallFunction(fn, r));
    }

    /** From Java there is no "this CPU", so on_each_cpu is smp_call_function to every online CPU. */
    public static CompletionStage<BroadcastResult> onEachCpu(Machine m, CpuFunction fn, boolean wait) {
        return smpCallFunction(m, fn, wait);
    }

    /** text_poke_sync: every online CPU drops its decoded instructions; completes when all did. */
    public static CompletionStage<BroadcastResult> syncCore(Machine m) {
        return m.broadcast(m.board().onlineCpus(-1), Cpu.SyncCore::new);
    }

    /** Every online CPU flushes its TLB. */
    public static CompletionStage<BroadcastResult> flushTlbAll(Machine m) {
        return m.broadcast(m.board().onlineCpus(-1), Cpu.FlushTlb::new);
    }

    /**
     * flush_tlb_mm_range from Java: every online CPU drops its translations of the pages
     * overlapping [addr, addr+len); completes when all did. Call it after changing the PTEs: from
     * then on every online CPU translates those pages through the new entries. Offline CPUs are
     * skipped; they flush their whole TLB when they come online.
     */
    public static CompletionStage<BroadcastResult> flushTlbRange(Machine m, long addr, long len) {
        return m.broadcast(m.board().onlineCpus(-1), r -> new Cpu.FlushTlbRange(addr, addr + len, r));
    }

    /** stop_machine: {@code fn} runs while no CPU executes guest code. */
    public static CompletionStage<Void> stopMachine(Machine m, Runnable fn) {
        return m.exclusive(fn);
    }

    // ------------------------------------------------------------------ from a CPU

    /** smp_call_function on the other online CPUs; {@code then} runs on this CPU afterwards. */
    public static void smpCallFunction(CpuContext ctx, CpuFunction fn, boolean wait, Consumer<BroadcastResult> then) {
        if (!wait) {
            for (int t : ctx.board().onlineCpus(ctx.cpuId())) {
                ctx.board().interconnect().send(t, new Cpu.CallFunction(fn, Reply.none()));
            }
            then.accept(BroadcastResult.EMPTY);
            return;
        }
        ctx.broadcast(r -> new Cpu.CallFunction(fn, r), then);
    }

    /** on_each_cpu: {@code fn} runs here first (as Linux does, with local interrupts off), then on the others. */
    public static void onEachCpu(CpuContext ctx, CpuFunction fn, boolean wait, Consumer<BroadcastResult> then) {
        fn.run(ctx);
        smpCallFunction(ctx, fn, wait, then);
    }

    /** text_poke_sync from a CPU: this CPU flushes at once, the others by broadcast with wait. */
    public static void syncCore(CpuContext ctx, Consumer<BroadcastResult> then) {
        ctx.core().flushDecodeCache();
        ctx.broadcast(Cpu.SyncCore::new, then);
    }

    /**
     * flush_tlb_mm_range / flush_tlb_page from a CPU (the usual case: the CPU that changed the
     * PTEs): this CPU invalidates the range at once, the other online CPUs by IPI with wait;
     * {@code then} runs here once all acknowledged, after which no online CPU uses a translation
     * of the range cached before the call.
     */
    public static void flushTlbRange(CpuContext ctx, long addr, long len, Consumer<BroadcastResult> then) {
        new Cpu.FlushTlbRange(addr, addr + len, Reply.none()).applyTo(ctx.core());
        ctx.broadcast(r -> new Cpu.FlushTlbRange(addr, addr + len, r), then);
    }

    /**
     * smp_send_stop (panic): every other online CPU is stopped for good at its next slice
     * boundary, even with IF=0 (like Linux's NMI stop: {@code stop_this_cpu}, IF=0, no more
     * execution). {@code then} runs here once all stopped. A guest-visible NMI (vector 2, through
     * the IDT) is {@code Cpu.RaiseInterrupt(Vectors.NMI)}.
     */
    public static void sendStop(CpuContext ctx, Consumer<BroadcastResult> then) {
        ctx.broadcast(Cpu.Halt::new, then);
    }

    /** stop_machine from a CPU. */
    public static void stopMachine(CpuContext ctx, Runnable fn, Runnable then) {
        ctx.exclusive(fn, then);
    }
}
