package kprobesim.cpu.actor;

import java.util.Locale;

/** How CPU actors are scheduled; see the package documentation. */
public enum ExecutionMode {
    /** A {@link Clock} runs one CPU quantum at a time in a seeded order; reproducible bit for bit. */
    DETERMINISTIC,
    /** Every CPU runs slices concurrently on {@code kprobesim.cpu-dispatcher}; not reproducible. */
    PARALLEL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
