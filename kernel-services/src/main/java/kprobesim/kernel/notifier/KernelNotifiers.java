package kprobesim.kernel.notifier;

import java.util.Objects;
import kprobesim.kernel.printk.KernelLog;

/**
 * Every notifier chain of one simulated kernel. One instance per machine (Linux's are global
 * variables; here two machines in one JVM must not share chains).
 */
public final class KernelNotifiers {
    private final DieNotifier die = new DieNotifier();
    private final RebootNotifier reboot;
    private final PanicNotifier panic;
    private final OomNotifier oom = new OomNotifier();
    private final ProfileEvents profile = new ProfileEvents();

    public KernelNotifiers(KernelLog log, MachineControl machine) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(machine, "machine");
        this.reboot = new RebootNotifier(log, machine);
        this.panic = new PanicNotifier(log, machine);
    }

    public DieNotifier die() {
        return die;
    }

    public RebootNotifier reboot() {
        return reboot;
    }

    public PanicNotifier panic() {
        return panic;
    }

    public OomNotifier oom() {
        return oom;
    }

    public ProfileEvents profile() {
        return profile;
    }
}
