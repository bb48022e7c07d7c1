package kprobesim.cpu.actor;

/**
 * How anything sends a command to a CPU: the one place where the two execution modes differ.
 * Parallel mode tells the CPU actor directly; deterministic mode posts to the {@link Clock},
 * which hands the command to the CPU inside its next {@code RunQuantum} (a round boundary).
 */
public interface Interconnect {
    void send(int cpu, Cpu.Command command);

    /**
     * Sends {@code commands[i]} to {@code cpus[i]} as one batch: in deterministic mode they all
     * take effect at the same round boundary (a broadcast from outside the machine, or the
     * machine's start, is not split over rounds by the wall clock).
     */
    default void sendBatch(int[] cpus, Cpu.Command[] commands) {
        for (int i = 0; i < cpus.length; i++) {
            send(cpus[i], commands[i]);
        }
    }

    int cpuCount();

    /**
     * Runs {@code work} while no CPU executes guest code, then acknowledges to {@code done} (with
     * cpu {@link Clock#CLOCK_ID}): in deterministic mode the clock runs it at the next round
     * boundary; in parallel mode the {@link ExclusiveCoordinator} parks every online CPU first.
     * Exclusive sections never overlap.
     */
    void runExclusive(Runnable work, Reply done);
}
