package kprobesim.kernel.printk;

/**
 * Where printk timestamps come from: nanoseconds since boot on the machine's clock. In the
 * simulator this is virtual time (the clock actor's), never the host's wall clock, so a
 * deterministic run prints the same dmesg every time.
 */
@FunctionalInterface
public interface KernelClock {
    /** Nanoseconds since boot; never decreases. */
    long nanosSinceBoot();
}
