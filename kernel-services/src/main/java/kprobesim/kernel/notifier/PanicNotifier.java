package kprobesim.kernel.notifier;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import kprobesim.kernel.printk.KernelLog;
import kprobesim.kernel.printk.LogLevel;

/**
 * {@code panic_notifier_list} (an atomic chain: it runs with the machine dying) and
 * {@code panic()}. Register with {@link #chain()}{@code .register(nb)}, as Linux code calls
 * {@code atomic_notifier_chain_register(&panic_notifier_list, &nb)}.
 *
 * <p>{@code panic(msg)}: print "Kernel panic - not syncing: msg" at KERN_EMERG, stop the
 * other CPUs, run the chain with {@code action = 0} and {@code data = msg}, print the end
 * marker and halt. Only the first caller panics; a concurrent second panic returns false
 * at once (in Linux the other CPUs spin, and are stopped by the first).
 */
public final class PanicNotifier {
    private final AtomicNotifierChain chain = new AtomicNotifierChain("panic_notifier_list");
    private final AtomicBoolean panicked = new AtomicBoolean();
    private final KernelLog log;
    private final MachineControl machine;

    public PanicNotifier(KernelLog log, MachineControl machine) {
        this.log = Objects.requireNonNull(log, "log");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    /** @return true if this call performed the panic, false if another panic came first */
    public boolean panic(String message) {
        if (!panicked.compareAndSet(false, true)) {
            return false;
        }
        log.printk(LogLevel.EMERG, "Kernel panic - not syncing: " + message);
        machine.stopOtherCpus();
        chain.callChain(0, message);
        log.printk(LogLevel.EMERG, "---[ end Kernel panic - not syncing: " + message + " ]---");
        machine.halt();
        return true;
    }

    public boolean hasPanicked() {
        return panicked.get();
    }

    public AtomicNotifierChain chain() {
        return chain;
    }
}
