package kprobesim.kernel.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.smp.Smp;
import kprobesim.kernel.symbols.KernelSymbols;

/**
 * {@code text_poke} and {@code text_poke_bp}: the only writers of kernel text
 * ({@code arch/x86/kernel/alternative.c}).
 *
 * <p>{@link #textPoke}: checks that the caller holds {@code text_mutex} and that the whole range
 * is kernel text, writes the bytes into physical memory (every core's decoded copy of that page
 * is invalidated by the page's write generation), then broadcasts {@code SyncCore} to every
 * online CPU and completes only after all acknowledged ({@code text_poke_sync}). Offline CPUs
 * are skipped; they flush their decode cache when they come online. A CPU that does not answer
 * before the machine's SMP timeout is listed in {@link BroadcastResult#timedOut()}.
 *
 * <p>{@link #textPokeBp}: the cross-modification protocol for patches longer than one byte, as
 * Linux's {@code text_poke_bp} does it: write {@code int3} over the first byte, sync; write the
 * tail, sync; write the new first byte, sync. While it runs, a CPU reaching the site takes #BP;
 * {@code do_int3} must call {@link #pokeInt3Handler} <em>before</em> {@code notify_die} (as
 * Linux's {@code do_int3} calls {@code poke_int3_handler} first) and, when it answers an
 * address, resume there instead of treating the trap as a breakpoint.
 *
 * <h2>Errors (decided here)</h2>
 * Both are kernel bugs, not user errors, so they are exceptions thrown before anything is
 * written: not holding {@code text_mutex} is {@link IllegalStateException} (Linux:
 * {@code lockdep_assert_held} splat), a range outside kernel text is
 * {@link IllegalArgumentException} (Linux: {@code BUG_ON}). Callers that take addresses from
 * users (the probe manager) validate them first and report {@code -EINVAL}. The hypercall
 * services turn both into errno values (guest input never reaches Java unchecked).
 *
 * <h2>Threading</h2>
 * The Java forms never block: in deterministic mode each write runs at a round boundary (an
 * exclusive section, so the run stays reproducible); in parallel mode it is written from the
 * caller's thread while the CPUs run, which is the concurrency the protocol exists for. The
 * {@link CpuContext} forms run on the calling CPU's actor thread: that CPU writes, flushes its
 * own decode cache, executes no guest code until every other online CPU acknowledged, then runs
 * the continuation. Thread-safe; the only shared state is the set of in-flight int3 sites.
 */
public final class TextPoker {
    /** The x86 breakpoint opcode. */
    public static final byte INT3 = (byte) 0xcc;

    private final Machine machine;
    private final LongPredicate isKernelText;
    private final TextMutex textMutex;
    /** Sites of text_poke_bp patches in progress: int3 address -&gt; where a CPU hitting it resumes. */
    private final ConcurrentHashMap<Long, Long> bpSites = new ConcurrentHashMap<>();

    public TextPoker(Machine machine, KernelSymbols symbols, TextMutex textMutex) {
        this(machine, Objects.requireNonNull(symbols, "symbols")::isKernelText, textMutex);
    }

    /** @param isKernelText {@code kernel_text_address} (tests may pass their own program's range) */
    public TextPoker(Machine machine, LongPredicate isKernelText, TextMutex textMutex) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.isKernelText = Objects.requireNonNull(isKernelText, "isKernelText");
        this.textMutex = Objects.requireNonNull(textMutex, "textMutex");
    }

    public TextMutex textMutex() {
        return textMutex;
    }

    // ------------------------------------------------------------------ from Java

    /**
     * {@code text_poke(addr, bytes, len)} followed by {@code text_poke_sync()}.
     * Must be called with text_mutex locked by {@code owner}.
     *
     * @return completes after every online CPU acknowledged SyncCore (or timed out)
     * @throws IllegalStateException    if {@code owner} does not hold text_mutex
     * @throws IllegalArgumentException if a byte of the range is not kernel text
     */
    public CompletionStage<BroadcastResult> textPoke(long addr, byte[] bytes, LockOwner owner) {
        byte[] b = check(addr, bytes, owner);
        return write(addr, b, 0, b.length).thenCompose(v -> Smp.syncCore(machine));
    }

    /**
     * {@code text_poke_bp}: the int3 protocol; a CPU hitting the site meanwhile resumes at
     * {@code addr + bytes.length} (right for replacing one instruction by another of the same
     * length whose effect may be skipped, e.g. nops and a jump over them; otherwise use
     * {@link #textPokeBp(long, byte[], long, LockOwner)}).
     * Must be called with text_mutex locked by {@code owner}.
     */
    public CompletionStage<BroadcastResult> textPokeBp(long addr, byte[] bytes, LockOwner owner) {
        return textPokeBp(addr, bytes, addr + bytes.length, owner);
    }

    /**
     * {@code text_poke_bp(addr, opcode, len, handler)}: {@code resumeAt} is where a CPU that hits
     * the temporary int3 continues (Linux's {@code handler}). Single-byte patches skip the protocol.
     * Must be called with text_mutex locked by {@code owner}.
     */
    public CompletionStage<BroadcastResult> textPokeBp(long addr, byte[] bytes, long resumeAt, LockOwner owner) {
        byte[] b = check(addr, bytes, owner);
        if (b.length == 1) {
            return textPoke(addr, b, owner);
        }
        List<BroadcastResult> results = new ArrayList<>(3);
        bpSites.put(addr, resumeAt);
        CompletionStage<BroadcastResult> s = write(addr, new byte[] {INT3}, 0, 1)
                .thenCompose(v -> Smp.syncCore(machine)).thenApply(r -> add(results, r))
                .thenCompose(r -> write(addr, b, 1, b.length - 1))
                .thenCompose(v -> Smp.syncCore(machine)).thenApply(r -> add(results, r))
                .thenCompose(r -> write(addr, b, 0, 1))
                .thenCompose(v -> Smp.syncCore(machine)).thenApply(r -> add(results, r));
        return s.whenComplete((r, e) -> bpSites.remove(addr, resumeAt)).thenApply(r -> merge(results));
    }

    // ------------------------------------------------------------------ from a CPU

    /**
     * {@code text_poke} + {@code text_poke_sync} from code running on a CPU (a hypercall or a
     * cross-call body): writes now, flushes this CPU, broadcasts SyncCore to the others, and runs
     * {@code then} on this CPU after all acknowledged. Must be called with text_mutex locked by
     * {@code owner}.
     */
    public void textPoke(CpuContext ctx, long addr, byte[] bytes, LockOwner owner, Consumer<BroadcastResult> then) {
        byte[] b = check(addr, bytes, owner);
        ctx.memory().write(addr, b, 0, b.length);
        Smp.syncCore(ctx, then);
    }

    /** {@link #textPokeBp(long, byte[], long, LockOwner)} from a CPU. Must be called with text_mutex locked. */
    public void textPokeBp(CpuContext ctx, long addr, byte[] bytes, long resumeAt, LockOwner owner,
            Consumer<BroadcastResult> then) {
        byte[] b = check(addr, bytes, owner);
        if (b.length == 1) {
            textPoke(ctx, addr, b, owner, then);
            return;
        }
        List<BroadcastResult> results = new ArrayList<>(3);
        bpSites.put(addr, resumeAt);
        ctx.memory().write(addr, new byte[] {INT3}, 0, 1);
        Smp.syncCore(ctx, r1 -> {
            results.add(r1);
            ctx.memory().write(addr + 1, b, 1, b.length - 1);
            Smp.syncCore(ctx, r2 -> {
                results.add(r2);
                ctx.memory().write(addr, b, 0, 1);
                Smp.syncCore(ctx, r3 -> {
                    results.add(r3);
                    bpSites.remove(addr, resumeAt);
                    then.accept(merge(results));
                });
            });
        });
    }

    // ------------------------------------------------------------------ int3 hook

    /**
     * {@code poke_int3_handler}: {@code do_int3} calls this with the address of the int3 that
     * trapped ({@code regs->ip - 1}) before the die chain. If a {@link #textPokeBp} is writing
     * that site, the answer is where to resume ({@code regs->ip = answer}, no notify_die);
     * otherwise empty and the trap is an ordinary breakpoint (a kprobe, a debugger).
     */
    public OptionalLong pokeInt3Handler(long int3Address) {
        Long resume = bpSites.get(int3Address);
        return resume == null ? OptionalLong.empty() : OptionalLong.of(resume);
    }

    // ------------------------------------------------------------------ internals

    /** Validates before any write; returns a private copy of the bytes. */
    private byte[] check(long addr, byte[] bytes, LockOwner owner) {
        Objects.requireNonNull(bytes, "bytes");
        textMutex.assertHeld(owner); // lockdep_assert_held(&text_mutex)
        if (bytes.length == 0) {
            throw new IllegalArgumentException("text_poke of no bytes at 0x" + Long.toHexString(addr));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (!isKernelText.test(addr + i)) {
                throw new IllegalArgumentException("text_poke outside kernel text: 0x" + Long.toHexString(addr + i)
                        + " (range 0x" + Long.toHexString(addr) + "+" + bytes.length + ")");
            }
        }
        return bytes.clone();
    }

    private CompletionStage<Void> write(long addr, byte[] b, int off, int len) {
        Runnable w = () -> machine.memory().write(addr + off, b, off, len);
        if (machine.config().mode() == ExecutionMode.DETERMINISTIC) {
            return machine.exclusive(w);
        }
        w.run();
        return CompletableFuture.completedFuture(null);
    }

    private static BroadcastResult add(List<BroadcastResult> results, BroadcastResult r) {
        results.add(r);
        return r;
    }

    /** The last sync's done/offline lists, and every CPU that timed out in any of them. */
    static BroadcastResult merge(List<BroadcastResult> results) {
        if (results.isEmpty()) {
            return BroadcastResult.EMPTY;
        }
        BroadcastResult last = results.get(results.size() - 1);
        TreeSet<Integer> timedOut = new TreeSet<>();
        results.forEach(r -> timedOut.addAll(r.timedOut()));
        return new BroadcastResult(last.done(), last.offline(), new ArrayList<>(timedOut));
    }
}
