package kprobesim.kernel.profile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream version a kernel is based on, {@code major.minor.patch}, e.g. 2.6.32 for
 * RHEL 6's 2.6.32-431. Distro kernels backport features, but symbol names and APIs follow
 * the base version closely enough for the simulator's purposes.
 */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    public KernelVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component: " + major + "." + minor + "." + patch);
        }
    }

    public static KernelVersion of(int major, int minor) {
        return new KernelVersion(major, minor, 0);
    }

    /** Reads the leading {@code M.m[.p]} of a release string such as "2.6.32-431.el6.x86_64". */
    public static Optional<KernelVersion> parse(String release) {
        Matcher m = FORM.matcher(release.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new KernelVersion(major, minor, 0)) >= 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
