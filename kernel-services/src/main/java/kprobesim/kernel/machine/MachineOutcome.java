package kprobesim.kernel.machine;

/**
 * How the kernel ended the machine's run.
 *
 * @param kind          what ended it
 * @param restartCommand the {@code kernel_restart} command for {@link Kind#RESTART} (may be null)
 */
public record MachineOutcome(Kind kind, String restartCommand) {
    public enum Kind {
        /** {@code machine_halt}: every CPU stopped (also the end of {@code panic}). */
        HALT,
        /** {@code machine_power_off}: every CPU stopped, the machine is off. */
        POWER_OFF,
        /**
         * {@code machine_restart}: every CPU stopped and the run ends with status "restart". The
         * simulator does not reset the CPUs in place: whoever runs the machine (the boot CLI, a
         * scenario) decides whether to boot a fresh one.
         */
        RESTART
    }
}
