package kprobesim.cpu.smp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import kprobesim.cpu.actor.Board;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.exec.GateDescriptor;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * Intercepting an exception by reloading the IDT on every CPU, step by step as seed 002 does it:
 *
 * <ol>
 *   <li>{@code store_idt(&default_idtr)}: read this CPU's IDTR;</li>
 *   <li>allocate a page and copy the live IDT into it;</li>
 *   <li>{@code pack_gate(&gate, GATE_INTERRUPT, handler, 0, 0, __KERNEL_CS)} into the vector;</li>
 *   <li>{@code load_idt(&new_idtr)} on this CPU;</li>
 *   <li>{@code smp_call_function(load_idt, &new_idtr, wait)} on every other online CPU.</li>
 * </ol>
 *
 * Restore loads the saved IDTR here and everywhere else and frees the page <em>only after every
 * CPU acknowledged</em> (then shoots down the TLBs). If a CPU did not answer before the timeout
 * the page is kept (leaked, reported): it may still be that CPU's IDT.
 *
 * <p>Hotplug race: the machine's "current IDT" (what a CPU loads when it comes online) is updated
 * <em>before</em> the broadcast snapshots the online mask, and a CPU coming online sets its
 * online bit <em>before</em> it reads the current IDT. Both are sequentially consistent atomics,
 * so either the new CPU sees the new IDTR or the broadcast sees the new CPU and sends it the load.
 *
 * <p>A CPU that takes the intercepted exception while the reload is in flight delivers it through
 * whichever IDT it has loaded: the old one (still mapped, never freed) or the new page (freed only
 * after nobody has it loaded).
 */
public final class IdtReload {
    private IdtReload() {}

    /** What {@link #intercept} did: restore it with {@link #restore}. */
    public record Interception(int vector, long handler, Idtr saved, Idtr installed, long page,
            BroadcastResult loaded) {}

    /** What {@link #restore} did. */
    public record Restored(boolean pageFreed, BroadcastResult loaded, BroadcastResult flushed) {}

    /** Runs the intercept protocol on the calling CPU; {@code then} runs here once every CPU loaded the copy. */
    public static void intercept(CpuContext ctx, int vector, long handler, Consumer<Interception> then) {
        if (vector < 0 || vector > 255) {
            throw new IllegalArgumentException("vector " + vector);
        }
        Board board = ctx.board();
        X86Core core = ctx.core();
        Idtr saved = new Idtr(core.idtBase(), core.idtLimit()); // store_idt
        long page = board.allocator().allocate();
        int limit = Math.min(Page.SIZE - 1, Math.max(saved.limit(), vector * GateDescriptor.SIZE + 15));
        copyIdt(board.memory(), saved, page, Math.min(saved.limit(), Page.SIZE - 1) + 1);
        GateDescriptor.pack(GateDescriptor.INTERRUPT_GATE, handler, 0, 0, GateDescriptor.KERNEL_CS)
                .writeTo(board.memory(), page, vector);
        Idtr installed = new Idtr(page, limit);
        core.setIdtr(page, limit); // load_idt on this CPU
        board.setCurrentIdt(installed); // before the broadcast reads the online mask (see class doc)
        ctx.broadcast(r -> new Cpu.LoadIdt(page, limit, r),
                result -> then.accept(new Interception(vector, handler, saved, installed, page, result)));
    }

    /** Runs the restore protocol on the calling CPU; {@code then} runs here at the end. */
    public static void restore(CpuContext ctx, Interception i, Consumer<Restored> then) {
        Board board = ctx.board();
        board.setCurrentIdt(i.saved());
        ctx.core().setIdtr(i.saved().base(), i.saved().limit());
        ctx.broadcast(r -> new Cpu.LoadIdt(i.saved().base(), i.saved().limit(), r), loaded -> {
            if (!loaded.complete()) {
                then.accept(new Restored(false, loaded, BroadcastResult.EMPTY));
                return;
            }
            board.allocator().free(i.page()); // unmapped: any later use faults
            ctx.core().flushTlb();
            ctx.broadcast(Cpu.FlushTlb::new, flushed -> then.accept(new Restored(true, loaded, flushed)));
        });
    }

    /** Copies {@code len} bytes of the live IDT; unmapped source pages read as zero (empty gates). */
    private static void copyIdt(PhysicalMemory mem, Idtr from, long to, int len) {
        for (int off = 0; off < len; ) {
            long src = from.base() + off;
            int n = Math.min(len - off, Page.SIZE - ((int) src & Page.MASK));
            if (mem.isMapped(src)) {
                byte[] b = mem.readBytes(src, n);
                mem.write(to + off, b, 0, n);
            }
            off += n;
        }
    }

    // ------------------------------------------------------------------ from Java

    /** Runs {@link #intercept} on CPU {@code onCpu} (in IPI context there). */
    public static CompletionStage<Interception> intercept(Machine m, int onCpu, int vector, long handler) {
        CompletableFuture<Interception> f = new CompletableFuture<>();
        m.request(onCpu, r -> new Cpu.CallFunction(ctx -> intercept(ctx, vector, handler, f::complete), r))
                .thenAccept(r -> failIfNotRun(f, onCpu, r));
        return f;
    }

    /** Runs {@link #restore} on CPU {@code onCpu}. */
    public static CompletionStage<Restored> restore(Machine m, int onCpu, Interception i) {
        CompletableFuture<Restored> f = new CompletableFuture<>();
        m.request(onCpu, r -> new Cpu.CallFunction(ctx -> restore(ctx, i, f::complete), r))
                .thenAccept(r -> failIfNotRun(f, onCpu, r));
        return f;
    }

    /**
     * The protocol runs in IPI context on {@code cpu}: if that CPU is offline or never took the
     * IPI (interrupts off) before the SMP timeout, the caller gets an error instead of waiting
     * forever. (A CPU that takes the IPI after the timeout still runs the protocol.)
     */
    private static void failIfNotRun(CompletableFuture<?> f, int cpu, BroadcastResult r) {
        if (!r.done().contains(cpu)) {
            f.completeExceptionally(new IllegalStateException("CPU " + cpu + " did not run the IDT reload: "
                    + (r.offline().contains(cpu) ? "offline" : "no answer (interrupts off?)")));
        }
    }
}
