package kprobesim.kernel.text;

import java.util.Objects;
import java.util.function.Function;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.isa.Reg;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.image.Hypercall;

/**
 * {@code text_mutex} and {@code text_poke} for machine code:
 * <pre>
 *  TEXT_MUTEX_LOCK    -                      0 acquired, -EAGAIN queued (FIFO): pause and call again
 *  TEXT_MUTEX_UNLOCK  -                      0, -EPERM if current does not hold it
 *  TEXT_POKE          rdi addr, rsi src, rdx len (1..4096)
 *                                            0 after every core synced, -EPERM without text_mutex,
 *                                            -EINVAL outside kernel text, -EFAULT bad src,
 *                                            -ETIMEDOUT if a CPU did not acknowledge
 * </pre>
 * A hypercall cannot suspend its CPU on a future, so the lock is a poll: the first call queues the
 * caller and later calls answer 0 once an unlock handed it over (no barging, so still FIFO). The
 * scheduler may instead put the task to sleep on -EAGAIN. Who "current" is comes from
 * {@code currentOwner} (the scheduler's current task; {@link LockOwner#cpu} before tasks exist).
 */
public final class TextHypercalls {
    public static final int POKE_MAX = 4096;

    private TextHypercalls() {}

    public static void install(HypercallTable table, TextPoker poker, Function<CpuContext, LockOwner> currentOwner) {
        Objects.requireNonNull(poker, "poker");
        Objects.requireNonNull(currentOwner, "currentOwner");
        TextMutex m = poker.textMutex();
        table.register(Hypercall.TEXT_MUTEX_LOCK.nr(), (ctx, a, b, c, d, e, f) ->
                m.lockOrQueue(currentOwner.apply(ctx)) == TextMutex.Acquire.ACQUIRED ? 0 : Errno.EAGAIN.neg());
        table.register(Hypercall.TEXT_MUTEX_UNLOCK.nr(), (ctx, a, b, c, d, e, f) -> {
            LockOwner o = currentOwner.apply(ctx);
            if (!m.isHeldBy(o)) {
                return Errno.EPERM.neg();
            }
            m.unlock(o);
            return 0;
        });
        table.register(Hypercall.TEXT_POKE.nr(), (ctx, addr, src, len, d, e, f) -> {
            LockOwner o = currentOwner.apply(ctx);
            if (len <= 0 || len > POKE_MAX) {
                return Errno.EINVAL.neg();
            }
            if (!m.isHeldBy(o)) {
                return Errno.EPERM.neg();
            }
            byte[] bytes = new byte[(int) len];
            for (int i = 0; i < len; i++) {
                if (!ctx.memory().isMapped(src + i)) {
                    return Errno.EFAULT.neg();
                }
                bytes[i] = (byte) ctx.memory().read8(src + i);
            }
            try {
                poker.textPoke(ctx, addr, bytes, o, r ->
                        ctx.core().setReg(Reg.RAX, r.complete() ? 0 : Errno.ETIMEDOUT.neg()));
            } catch (IllegalArgumentException outsideText) {
                return Errno.EINVAL.neg();
            }
            return 0;
        });
    }
}
