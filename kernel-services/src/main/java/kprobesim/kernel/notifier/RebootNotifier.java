package kprobesim.kernel.notifier;

import java.util.Objects;
import kprobesim.kernel.printk.KernelLog;
import kprobesim.kernel.printk.LogLevel;

/**
 * The reboot chain ({@code reboot_notifier_list}, a blocking chain) and the three calls that
 * run it: {@code kernel_restart} (SYS_RESTART, with the command as data), {@code kernel_halt}
 * (SYS_HALT) and {@code kernel_power_off} (SYS_POWER_OFF). Each runs the chain, sets the
 * system state, prints Linux's message at KERN_EMERG and hands over to the machine.
 */
public final class RebootNotifier {
    /** {@code SYS_DOWN}: same value as SYS_RESTART. */
    public static final int SYS_DOWN = 0x0001;
    public static final int SYS_RESTART = SYS_DOWN;
    public static final int SYS_HALT = 0x0002;
    public static final int SYS_POWER_OFF = 0x0003;

    private final BlockingNotifierChain chain = new BlockingNotifierChain("reboot_notifier_list");
    private final KernelLog log;
    private final MachineControl machine;
    private volatile SystemState state = SystemState.RUNNING;

    public RebootNotifier(KernelLog log, MachineControl machine) {
        this.log = Objects.requireNonNull(log, "log");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    public int registerRebootNotifier(NotifierBlock nb) {
        return chain.register(nb);
    }

    public int unregisterRebootNotifier(NotifierBlock nb) {
        return chain.unregister(nb);
    }

    /** {@code kernel_restart(cmd)}; {@code cmd} may be null. */
    public void kernelRestart(String cmd) {
        chain.callChain(SYS_RESTART, cmd);
        state = SystemState.RESTART;
        log.printk(LogLevel.EMERG, cmd == null ? "Restarting system" : "Restarting system with command '" + cmd + "'");
        machine.restart(cmd);
    }

    /** {@code kernel_halt()}. */
    public void kernelHalt() {
        chain.callChain(SYS_HALT, null);
        state = SystemState.HALT;
        log.printk(LogLevel.EMERG, "System halted");
        machine.halt();
    }

    /** {@code kernel_power_off()}. */
    public void kernelPowerOff() {
        chain.callChain(SYS_POWER_OFF, null);
        state = SystemState.POWER_OFF;
        log.printk(LogLevel.EMERG, "Power down");
        machine.powerOff();
    }

    public SystemState systemState() {
        return state;
    }

    public BlockingNotifierChain chain() {
        return chain;
    }
}
