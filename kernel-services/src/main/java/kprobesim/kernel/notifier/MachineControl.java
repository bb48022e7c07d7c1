package kprobesim.kernel.notifier;

/**
 * What the hardware layer does when the kernel stops or restarts it ({@code machine_halt},
 * {@code machine_power_off}, {@code machine_restart}, {@code smp_send_stop}). The CPU actors
 * implement it; tests record the calls.
 */
public interface MachineControl {
    /** Stop every other CPU (by IPI) and do not return them to work. */
    void stopOtherCpus();

    void halt();

    void powerOff();

    /** @param cmd the restart command, or null */
    void restart(String cmd);
}
