package kprobesim.kernel.profile;

/**
 * How {@code register_kretprobe} picks {@code maxactive} when the caller leaves it &lt;= 0.
 */
public enum MaxactiveRule {
    /**
     * Up to Linux 6.1 (seed 004): {@code CONFIG_PREEMPT ? max(10, 2*NR_CPUS) : NR_CPUS}.
     * With preemption a task can be switched out inside the probed function, so more
     * instances can be in flight than there are CPUs.
     */
    PREEMPT_DEPENDENT("CONFIG_PREEMPT ? max(10, 2*NR_CPUS) : NR_CPUS"),
    /**
     * Linux 6.2 (commit 3b7ddab8a19a "kprobes: kretprobe events missing on 2-core KVM guest",
     * backported to 6.1.y stable): {@code max(10, 2*NR_CPUS)} regardless of preemption.
     */
    MAX_10_TWICE_CPUS("max(10, 2*NR_CPUS)");

    private final String formula;

    MaxactiveRule(String formula) {
        this.formula = formula;
    }

    public String formula() {
        return formula;
    }

    /** The default maxactive for a machine of {@code nrCpus} CPUs under {@code model}. */
    public int defaultMaxactive(int nrCpus, PreemptModel model) {
        if (nrCpus < 1) {
            throw new IllegalArgumentException("nrCpus must be >= 1: nrCpus=" + nrCpus);
        }
        return switch (this) {
            case PREEMPT_DEPENDENT -> model.isConfigPreempt() ? Math.max(10, 2 * nrCpus) : nrCpus;
            case MAX_10_TWICE_CPUS -> Math.max(10, 2 * nrCpus);
        };
    }
}
