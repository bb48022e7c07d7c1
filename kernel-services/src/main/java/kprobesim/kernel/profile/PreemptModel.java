package kprobesim.kernel.profile;

import java.util.Locale;
import java.util.Optional;

/** The kernel preemption model, chosen at build time in Linux. */
public enum PreemptModel {
    /** {@code CONFIG_PREEMPT_NONE}: a task runs until it blocks or returns to user mode. */
    NONE("CONFIG_PREEMPT_NONE"),
    /** {@code CONFIG_PREEMPT_VOLUNTARY}: also at explicit {@code might_sleep()} points. */
    VOLUNTARY("CONFIG_PREEMPT_VOLUNTARY"),
    /** {@code CONFIG_PREEMPT}: anywhere {@code preempt_count} is 0, e.g. on a timer tick. */
    FULL("CONFIG_PREEMPT");

    private final String config;

    PreemptModel(String config) {
        this.config = config;
    }

    public String configOption() {
        return config;
    }

    /** True for {@code CONFIG_PREEMPT} (which the kretprobe maxactive rule tests). */
    public boolean isConfigPreempt() {
        return this == FULL;
    }

    /** Accepts "none", "voluntary", "full" (any case), as the CLI and scenario files spell them. */
    public static Optional<PreemptModel> parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "voluntary" -> Optional.of(VOLUNTARY);
            case "full", "preempt" -> Optional.of(FULL);
            default -> Optional.empty();
        };
    }
}
