package kprobesim.kernel.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The profile table: every row of seed 004's RHEL/CentOS release table plus upstream 6.1.
 *
 * <pre>
 *   distro                          release       base     preempt    probes          maxactive default
 *   Redhat 9.0                      2.4.20-8      2.4.20   none       none            -
 *   RHEL 3 Update 8                 2.4.21-47     2.4.21   none       none            -
 *   RHEL 4 [Update 1..7]            2.6.9-5..78   2.6.9    none       k, j, kret      preempt-dependent
 *   CentOS/RHEL 5.0..5.8            2.6.18-8..308 2.6.18   voluntary  k, j, kret      preempt-dependent
 *   CentOS/RHEL 6.0..6.6            2.6.32-71..504 2.6.32  voluntary  k, j, kret      preempt-dependent
 *   CentOS/RHEL 7.0                 3.10.0-123    3.10.0   voluntary  k, j, kret      preempt-dependent
 *   6.1 (upstream LTS, 6.1.y)       6.1           6.1.0    voluntary  k, kret         max(10, 2*NR_CPUS)
 * </pre>
 *
 * <p>Lookup accepts the release ("2.6.32-431", also with a distro suffix such as
 * "2.6.32-431.el6.x86_64"), or a distro name in any case: "CentOS 6.5", "RHEL 6.5",
 * "RHEL 6 Update 5", "CentOS 5" (= 5.0), "RHEL 7", "Redhat 9.0", "RHEL 4 Update 3", "RHEL 4.3";
 * and "6.1" or "6.1.N" for the modern profile.
 */
public final class KernelProfiles {
    /** Alias (normalised) -&gt; profile, in table order. */
    private static final Map<String, KernelProfile> BY_ALIAS = new LinkedHashMap<>();
    /** The profiles in table order. */
    private static final List<KernelProfile> ALL = new ArrayList<>();
    /** The modern upstream profile. */
    public static final KernelProfile MODERN;

    static {
        row("2.4.20-8", "Redhat 9.0", "Red Hat 9.0", "Redhat 9");
        row("2.4.21-47", "RHEL 3 Update 8", "RHEL 3.8");
        rhelUpdates(4, "2.6.9", new int[] {5, 11, 22, 34, 42, 55, 67, 78}, false);
        rhelUpdates(5, "2.6.18", new int[] {8, 53, 92, 128, 164, 194, 238, 274, 308}, true);
        rhelUpdates(6, "2.6.32", new int[] {71, 131, 220, 279, 358, 431, 504}, true);
        rhelUpdates(7, "3.10.0", new int[] {123}, true);
        MODERN = row("6.1", "Linux 6.1");
    }

    private KernelProfiles() {}

    private static KernelProfile row(String release, String... names) {
        KernelVersion v = KernelVersion.parse(release).orElseThrow();
        KernelProfile p = KernelProfile.derive(release, v, List.of(names));
        ALL.add(p);
        alias(release, p);
        for (String n : names) {
            alias(n, p);
        }
        return p;
    }

    /** Rows "RHEL N" (update 0) .. "RHEL N Update k", with CentOS N.k names where CentOS had them. */
    private static void rhelUpdates(int major, String base, int[] builds, boolean centos) {
        for (int u = 0; u < builds.length; u++) {
            List<String> names = new ArrayList<>();
            if (centos) {
                names.add("CentOS " + major + "." + u);
            }
            names.add(u == 0 ? "RHEL " + major : "RHEL " + major + " Update " + u);
            names.add("RHEL " + major + "." + u);
            if (u == 0) {
                names.add("RHEL " + major + " Update 0");
                if (centos) {
                    names.add("CentOS " + major);
                }
            }
            row(base + "-" + builds[u], names.toArray(String[]::new));
        }
    }

    private static void alias(String name, KernelProfile p) {
        KernelProfile old = BY_ALIAS.putIfAbsent(normalise(name), p);
        if (old != null && old != p) {
            throw new IllegalStateException("alias '" + name + "' names two profiles");
        }
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** Finds a profile by release or distro name; an unknown name lists the known ones. */
    public static ProfileLookup lookup(String query) {
        String q = normalise(query);
        KernelProfile p = BY_ALIAS.get(q);
        if (p == null) {
            p = byRelease(q).orElse(null);
        }
        if (p == null) {
            return new ProfileLookup.Unknown(query, knownNames());
        }
        return new ProfileLookup.Found(p);
    }

    /** "2.6.32-431.el6.x86_64" -&gt; the 2.6.32-431 row; "6.1.55" -&gt; the 6.1 profile. */
    private static Optional<KernelProfile> byRelease(String q) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d+\\.\\d+-\\d+)\\..*").matcher(q);
        if (m.matches()) {
            return Optional.ofNullable(BY_ALIAS.get(m.group(1)));
        }
        if (q.matches("6\\.1\\.\\d+(-.*)?")) {
            return Optional.of(MODERN);
        }
        return Optional.empty();
    }

    /** Every profile, in table order. */
    public static List<KernelProfile> all() {
        return List.copyOf(ALL);
    }

    /** The accepted names for error messages: each profile's release followed by its first distro name. */
    public static List<String> knownNames() {
        List<String> out = new ArrayList<>();
        for (KernelProfile p : ALL) {
            out.add(p.names().isEmpty() ? p.release() : p.release() + " (" + p.names().get(0) + ")");
        }
        return out;
    }
}
