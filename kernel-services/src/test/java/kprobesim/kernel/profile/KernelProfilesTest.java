package kprobesim.kernel.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KernelProfilesTest {

    private static KernelProfile find(String q) {
        ProfileLookup r = KernelProfiles.lookup(q);
        assertInstanceOf(ProfileLookup.Found.class, r, () -> q + " -> " + r);
        return ((ProfileLookup.Found) r).profile();
    }

    /** Seed 004's table, row by row, as the seed spells the distro. */
    static Stream<Arguments> seedTable() {
        return Stream.of(
                Arguments.of("Redhat 9.0", "2.4.20-8"),
                Arguments.of("RHEL 3 Update 8", "2.4.21-47"),
                Arguments.of("RHEL 4", "2.6.9-5"),
                Arguments.of("RHEL 4 Update 1", "2.6.9-11"),
                Arguments.of("RHEL 4 Update 2", "2.6.9-22"),
                Arguments.of("RHEL 4 Update 3", "2.6.9-34"),
                Arguments.of("RHEL 4 Update 4", "2.6.9-42"),
                Arguments.of("RHEL 4 Update 5", "2.6.9-55"),
                Arguments.of("RHEL 4 Update 6", "2.6.9-67"),
                Arguments.of("RHEL 4 Update 7", "2.6.9-78"),
                Arguments.of("CENTOS 5", "2.6.18-8"),
                Arguments.of("RHEL 5", "2.6.18-8"),
                Arguments.of("CENTOS 5.1", "2.6.18-53"),
                Arguments.of("RHEL 5 Update 1", "2.6.18-53"),
                Arguments.of("CENTOS 5.2", "2.6.18-92"),
                Arguments.of("RHEL 5 Update 2", "2.6.18-92"),
                Arguments.of("CENTOS 5.3", "2.6.18-128"),
                Arguments.of("RHEL 5 Update 3", "2.6.18-128"),
                Arguments.of("CENTOS 5.4", "2.6.18-164"),
                Arguments.of("RHEL 5 Update 4", "2.6.18-164"),
                Arguments.of("CENTOS 5.5", "2.6.18-194"),
                Arguments.of("RHEL 5 Update 5", "2.6.18-194"),
                Arguments.of("CENTOS 5.6", "2.6.18-238"),
                Arguments.of("RHEL 5 Update 6", "2.6.18-238"),
                Arguments.of("CENTOS 5.7", "2.6.18-274"),
                Arguments.of("RHEL 5 Update 7", "2.6.18-274"),
                Arguments.of("CENTOS 5.8", "2.6.18-308"),
                Arguments.of("RHEL 5 Update 8", "2.6.18-308"),
                Arguments.of("CENTOS 6.0", "2.6.32-71"),
                Arguments.of("RHEL 6 Update 0", "2.6.32-71"),
                Arguments.of("CENTOS 6.1", "2.6.32-131"),
                Arguments.of("RHEL 6 Update 1", "2.6.32-131"),
                Arguments.of("CENTOS 6.2", "2.6.32-220"),
                Arguments.of("RHEL 6 Update 2", "2.6.32-220"),
                Arguments.of("CENTOS 6.3", "2.6.32-279"),
                Arguments.of("RHEL 6 Update 3", "2.6.32-279"),
                Arguments.of("CENTOS 6.4", "2.6.32-358"),
                Arguments.of("RHEL 6 Update 4", "2.6.32-358"),
                Arguments.of("CENTOS 6.5", "2.6.32-431"),
                Arguments.of("RHEL 6 Update 5", "2.6.32-431"),
                Arguments.of("CENTOS 6.6", "2.6.32-504"),
                Arguments.of("RHEL 6 Update 6", "2.6.32-504"),
                Arguments.of("CENTOS 7.0", "3.10.0-123"),
                Arguments.of("RHEL 7 Update 0", "3.10.0-123"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("seedTable")
    void everySeedRowResolvesByDistroAndByRelease(String distro, String release) {
        KernelProfile byName = find(distro);
        assertEquals(release, byName.release());
        assertEquals(byName, find(release), "the release selects the same profile");
        assertEquals(byName, find(release + ".el" + release.charAt(0) + ".x86_64"), "uname -r form");
        assertEquals(byName, find(distro.toLowerCase()), "case-insensitive");
    }

    @ParameterizedTest
    @CsvSource({
        "CentOS 6.5, 2.6.32-431", "RHEL 6.5, 2.6.32-431", "RHEL 7.0, 3.10.0-123", "RHEL 7, 3.10.0-123",
        "CentOS 7, 3.10.0-123", "CentOS 5.5, 2.6.18-194", "centos  5.5, 2.6.18-194", "RHEL 4.3, 2.6.9-34",
        "Red Hat 9.0, 2.4.20-8", "6.1, 6.1", "6.1.55, 6.1", "Linux 6.1, 6.1"})
    void commonSpellings(String query, String release) {
        assertEquals(release, find(query).release());
    }

    @Test
    void theTableHasEveryRowOnce() {
        List<KernelProfile> all = KernelProfiles.all();
        assertEquals(2 + 8 + 9 + 7 + 1 + 1, all.size());
        assertEquals(all.size(), all.stream().map(KernelProfile::release).distinct().count());
        assertEquals(KernelProfiles.MODERN, all.get(all.size() - 1));
    }

    @Test
    void unknownReleaseIsAnErrorListingTheKnownOnes() {
        ProfileLookup r = KernelProfiles.lookup("2.6.33-1");
        ProfileLookup.Unknown u = assertInstanceOf(ProfileLookup.Unknown.class, r);
        assertEquals("2.6.33-1", u.query());
        assertTrue(u.known().contains("2.6.32-431 (CentOS 6.5)"), u.known().toString());
        assertTrue(u.known().contains("6.1 (Linux 6.1)"));
        assertTrue(u.message().startsWith("unknown kernel profile '2.6.33-1'; known: 2.4.20-8 (Redhat 9.0), "),
                u.message());
        assertInstanceOf(ProfileLookup.Unknown.class, KernelProfiles.lookup("CentOS 8.0"));
        assertInstanceOf(ProfileLookup.Unknown.class, KernelProfiles.lookup(""));
    }

    @ParameterizedTest
    @CsvSource({
        // release,   fork,          signal,                open,        jprobes, setFs
        "2.6.18-194, do_fork,      get_signal_to_deliver, sys_open,    true,  true",
        "2.6.32-431, do_fork,      get_signal_to_deliver, sys_open,    true,  true",
        "3.10.0-123, do_fork,      get_signal_to_deliver, sys_open,    true,  true",
        "6.1,        kernel_clone, get_signal,            do_sys_open, false, false"})
    void symbolNamesAndFeaturesPerProfile(String release, String fork, String signal, String open, boolean jprobes,
            boolean setFs) {
        KernelProfile p = find(release);
        assertEquals(fork, p.symbol(KernelFunction.FORK));
        assertEquals(signal, p.symbol(KernelFunction.GET_SIGNAL));
        assertEquals(open, p.symbol(KernelFunction.OPEN));
        assertEquals("do_exit", p.symbol(KernelFunction.EXIT));
        assertEquals(jprobes, p.jprobes());
        assertEquals(setFs, p.setFs());
        assertTrue(p.kprobes());
    }

    @ParameterizedTest
    @CsvSource({
        "4.1.0, do_fork, get_signal, sys_open, true",
        "4.2.0, _do_fork, get_signal, sys_open, true",
        "4.14.0, _do_fork, get_signal, sys_open, true",
        "4.15.0, _do_fork, get_signal, sys_open, false",
        "4.17.0, _do_fork, get_signal, do_sys_open, false",
        "5.9.0, _do_fork, get_signal, do_sys_open, false",
        "5.10.0, kernel_clone, get_signal, do_sys_open, false",
        "3.16.0, do_fork, get_signal_to_deliver, sys_open, true",
        "3.17.0, do_fork, get_signal, sys_open, true"})
    void versionBoundaries(String version, String fork, String signal, String open, boolean jprobes) {
        KernelVersion v = KernelVersion.parse(version).orElseThrow();
        KernelProfile p = KernelProfile.derive(version, v, List.of());
        assertEquals(fork, p.symbol(KernelFunction.FORK));
        assertEquals(signal, p.symbol(KernelFunction.GET_SIGNAL));
        assertEquals(open, p.symbol(KernelFunction.OPEN));
        assertEquals(jprobes, p.jprobes());
    }

    @Test
    void oldKernelsHaveNoProbesAndNoVoluntaryPreemption() {
        KernelProfile rh9 = find("Redhat 9.0");
        assertFalse(rh9.kprobes());
        assertFalse(rh9.jprobes());
        assertEquals(PreemptModel.NONE, rh9.defaultPreempt());
        KernelProfile rhel4 = find("RHEL 4");
        assertTrue(rhel4.kprobes());
        assertTrue(rhel4.jprobes());
        assertEquals(PreemptModel.NONE, rhel4.defaultPreempt());
        assertEquals(PreemptModel.VOLUNTARY, find("CentOS 6.5").defaultPreempt());
        assertEquals(PreemptModel.VOLUNTARY, KernelProfiles.MODERN.defaultPreempt());
    }

    @Test
    void maxactiveDefaultFollowsSeed004ThenTheModernRule() {
        KernelProfile rhel6 = find("CentOS 6.5");
        assertEquals(MaxactiveRule.PREEMPT_DEPENDENT, rhel6.maxactiveRule());
        assertEquals(10, rhel6.defaultMaxactive(2, PreemptModel.FULL), "max(10, 2*2)");
        assertEquals(16, rhel6.defaultMaxactive(8, PreemptModel.FULL), "max(10, 2*8)");
        assertEquals(2, rhel6.defaultMaxactive(2, PreemptModel.VOLUNTARY), "NR_CPUS without CONFIG_PREEMPT");
        assertEquals(8, rhel6.defaultMaxactive(8, PreemptModel.NONE));
        KernelProfile modern = KernelProfiles.MODERN;
        assertEquals(MaxactiveRule.MAX_10_TWICE_CPUS, modern.maxactiveRule());
        assertEquals(10, modern.defaultMaxactive(2, PreemptModel.NONE));
        assertEquals(16, modern.defaultMaxactive(8, PreemptModel.VOLUNTARY));
        assertEquals(64, modern.defaultMaxactive(32, PreemptModel.FULL));
    }

    @Test
    void versionsParseAndCompare() {
        assertEquals(Optional.of(new KernelVersion(2, 6, 32)), KernelVersion.parse("2.6.32-431.el6.x86_64"));
        assertEquals(Optional.of(new KernelVersion(6, 1, 0)), KernelVersion.parse("6.1"));
        assertEquals(Optional.empty(), KernelVersion.parse("CentOS 6.5"));
        assertTrue(new KernelVersion(3, 10, 0).compareTo(new KernelVersion(2, 6, 32)) > 0);
        assertTrue(new KernelVersion(2, 6, 32).atLeast(2, 6));
        assertEquals(Optional.of(PreemptModel.FULL), PreemptModel.parse("Full"));
        assertEquals(Optional.empty(), PreemptModel.parse("rt"));
        assertEquals("CONFIG_PREEMPT_VOLUNTARY", PreemptModel.VOLUNTARY.configOption());
    }
}
