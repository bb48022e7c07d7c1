package kprobesim.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;

class KallsymsCommandTest {
    static List<String> lines(CliRun r) {
        return r.out().isEmpty() ? List.of() : List.of(r.out().split("\n"));
    }

    @Test
    void defaultProfileIsTheModernKernel() {
        List<String> all = lines(CliRun.of("kallsyms").assertOk());
        assertTrue(all.size() > 40);
        assertTrue(all.stream().anyMatch(l -> l.matches("ffffffff81[0-9a-f]{6} T kernel_clone")), all::toString);
        assertTrue(all.stream().noneMatch(l -> l.endsWith(" do_fork")));
        assertTrue(all.stream().allMatch(l -> l.matches("[0-9a-f]{16} [TtDdBbRr] \\S+")), all::toString);
        assertEquals(all.stream().sorted().toList(), all, "sorted by address");
    }

    @Test
    void substringPatternOnAnOldProfile() {
        List<String> fork = lines(CliRun.of("kallsyms", "--profile", "CentOS 5.5", "fork").assertOk());
        assertTrue(fork.stream().anyMatch(l -> l.matches("ffffffff81[0-9a-f]{6} T do_fork")), fork::toString);
        assertTrue(fork.stream().anyMatch(l -> l.endsWith(" T ret_from_fork")), fork::toString);
        assertTrue(fork.stream().allMatch(l -> l.contains("fork")));
    }

    @Test
    void globPatternMatchesWholeNames() {
        List<String> doStar = lines(CliRun.of("kallsyms", "do_*").assertOk());
        assertFalse(doStar.isEmpty());
        assertTrue(doStar.stream().allMatch(l -> l.split(" ")[2].startsWith("do_")), doStar::toString);
        List<String> exact = lines(CliRun.of("kallsyms", "do_exi?").assertOk());
        assertEquals(1, exact.size(), exact::toString);
        assertTrue(exact.get(0).endsWith(" T do_exit"));
        List<String> set = lines(CliRun.of("kallsyms", "[!dk]*_open").assertOk());
        assertEquals(List.of("__x64_sys_open"), set.stream().map(l -> l.split(" ")[2]).toList());
    }

    @Test
    void noMatchIsEmptyOutputAndExitZero() {
        assertEquals("", CliRun.of("kallsyms", "no_such_symbol_anywhere").assertOk().out());
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        CliRun.of("kallsyms", "--profile", "Windows 95").assertBadInput("unknown kernel profile 'Windows 95'; known: ");
        CliRun r = CliRun.of("kallsyms", "--profile", "Windows 95");
        assertTrue(r.err().contains("2.6.32-431 (CentOS 6.5)") && r.err().contains("6.1"), r.err());
    }

    @Test
    void badGlobIsOneLine() {
        CliRun.of("kallsyms", "do_[abc").assertBadInput("bad pattern 'do_[abc'");
    }
}
