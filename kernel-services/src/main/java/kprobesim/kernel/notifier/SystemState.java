package kprobesim.kernel.notifier;

/**
 * {@code system_state}: RUNNING -&gt; HALT | POWER_OFF | RESTART on the matching reboot call.
 * (Linux also has BOOTING and SCHEDULING; the boot code owns those.)
 */
public enum SystemState {
    BOOTING, RUNNING, HALT, POWER_OFF, RESTART
}
