package kprobesim.kernel.profile;

import java.util.List;
import java.util.Objects;

/**
 * What a kernel version fixes for the simulator: probe-target symbol names, which probe
 * types exist, the kretprobe maxactive default, the default preemption model and whether
 * {@code set_fs()} exists. Built by {@link KernelProfiles}; see its table.
 *
 * @param release        the distro kernel release, e.g. "2.6.32-431", or "6.1"
 * @param version        the upstream base version
 * @param names          distro names that select this profile, e.g. "CentOS 6.5", "RHEL 6 Update 5"
 * @param defaultPreempt the preemption model of the distro's configuration
 * @param kprobes        kprobes and kretprobes exist (merged in 2.6.9; RHEL 4 ships both)
 * @param jprobes        jprobes exist (kprobes, and before 4.15)
 * @param maxactiveRule  the kretprobe maxactive default
 * @param setFs          {@code get_fs/set_fs} exist (removed on x86 in 5.10)
 */
public record KernelProfile(String release, KernelVersion version, List<String> names, PreemptModel defaultPreempt,
        boolean kprobes, boolean jprobes, MaxactiveRule maxactiveRule, boolean setFs) {

    public KernelProfile {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(version, "version");
        names = List.copyOf(names);
        Objects.requireNonNull(defaultPreempt, "defaultPreempt");
        Objects.requireNonNull(maxactiveRule, "maxactiveRule");
        if (jprobes && !kprobes) {
            throw new IllegalArgumentException("jprobes need kprobes: release=" + release);
        }
    }

    /** Builds the profile of an upstream base version with every version-derived field. */
    static KernelProfile derive(String release, KernelVersion v, List<String> names) {
        boolean kprobes = v.compareTo(new KernelVersion(2, 6, 9)) >= 0;
        // CONFIG_PREEMPT_VOLUNTARY appeared in 2.6.13; RHEL 5, 6, 7 and distro 6.1 kernels use it.
        PreemptModel preempt = v.compareTo(new KernelVersion(2, 6, 13)) < 0 ? PreemptModel.NONE : PreemptModel.VOLUNTARY;
        return new KernelProfile(release, v, names, preempt, kprobes, kprobes && !v.atLeast(4, 15),
                v.atLeast(6, 1) ? MaxactiveRule.MAX_10_TWICE_CPUS : MaxactiveRule.PREEMPT_DEPENDENT,
                !v.atLeast(5, 10));
    }

    /** The symbol of {@code f} on this kernel, e.g. {@code _do_fork} on 4.4. */
    public String symbol(KernelFunction f) {
        return switch (f) {
            case FORK -> version.atLeast(5, 10) ? "kernel_clone" : version.atLeast(4, 2) ? "_do_fork" : "do_fork";
            case GET_SIGNAL -> version.atLeast(3, 17) ? "get_signal" : "get_signal_to_deliver";
            case OPEN -> version.atLeast(4, 17) ? "do_sys_open" : "sys_open";
            case EXIT -> "do_exit";
        };
    }

    /** kretprobe maxactive when the caller passes &lt;= 0. */
    public int defaultMaxactive(int nrCpus, PreemptModel model) {
        return maxactiveRule.defaultMaxactive(nrCpus, model);
    }

    /** The first distro name, or the release for an upstream profile: what reports print. */
    public String displayName() {
        return names.isEmpty() ? release : names.get(0);
    }
}
