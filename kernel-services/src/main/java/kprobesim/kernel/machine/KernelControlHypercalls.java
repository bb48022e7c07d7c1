package kprobesim.kernel.machine;

import java.util.Objects;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.kernel.image.Hypercall;
import kprobesim.kernel.notifier.KernelNotifiers;

/**
 * The hypercall services that end the machine from machine code: {@link Hypercall#PANIC}
 * ({@code panic(msg)}, rdi = NUL-terminated message), {@link Hypercall#KERNEL_HALT},
 * {@link Hypercall#KERNEL_RESTART} (rdi = command string or 0) and
 * {@link Hypercall#KERNEL_POWER_OFF}. Each runs the kernel's Java code through
 * {@link ActorMachineControl#onCpu}, so the calling CPU is the "this CPU" of
 * {@code smp_send_stop} and stops right after its {@code vmcall}. Returns 0 (a second, concurrent
 * panic returns 1 and its CPU is stopped by the first).
 */
public final class KernelControlHypercalls {
    /** Longest message read from guest memory (as printk). */
    public static final int MESSAGE_MAX = 992;

    private KernelControlHypercalls() {}

    public static void install(HypercallTable table, KernelNotifiers notifiers, ActorMachineControl control) {
        Objects.requireNonNull(notifiers, "notifiers");
        Objects.requireNonNull(control, "control");
        table.register(Hypercall.PANIC.nr(), (ctx, msg, a, b, c, d, e) ->
                control.onCpu(ctx, () -> notifiers.panic().panic(cString(ctx, msg)) ? 0L : 1L));
        table.register(Hypercall.KERNEL_HALT.nr(), (ctx, a, b, c, d, e, f) ->
                control.onCpu(ctx, () -> { notifiers.reboot().kernelHalt(); return 0L; }));
        table.register(Hypercall.KERNEL_POWER_OFF.nr(), (ctx, a, b, c, d, e, f) ->
                control.onCpu(ctx, () -> { notifiers.reboot().kernelPowerOff(); return 0L; }));
        table.register(Hypercall.KERNEL_RESTART.nr(), (ctx, cmd, b, c, d, e, f) ->
                control.onCpu(ctx, () -> {
                    notifiers.reboot().kernelRestart(cmd == 0 ? null : cString(ctx, cmd));
                    return 0L;
                }));
    }

    /** The NUL-terminated Latin-1 string at {@code addr}; an unmapped byte ends it. */
    static String cString(CpuContext ctx, long addr) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < MESSAGE_MAX; i++) {
            if (!ctx.memory().isMapped(addr + i)) {
                break;
            }
            int b = ctx.memory().read8(addr + i);
            if (b == 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }
}
