package kprobesim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void helpListsTheX86Group() {
        CliRun r = CliRun.of("--help").assertOk();
        assertTrue(r.out().contains("x86"), r.out());
    }

    @Test
    void x86HelpListsItsSubcommands() {
        CliRun r = CliRun.of("x86", "--help").assertOk();
        for (String sub : new String[] {"asm", "disasm", "exec", "demo"}) {
            assertTrue(r.out().contains(sub), sub + " missing from: " + r.out());
        }
    }

    @Test
    void versionNamesTheProgram() {
        assertTrue(CliRun.of("--version").assertOk().out().startsWith("kprobesim "));
    }

    @Test
    void unknownOptionIsOneLineAndExit2() {
        CliRun.of("x86", "exec", "--frobnicate").assertBadInput("--frobnicate");
    }

    @Test
    void unknownSubcommandIsOneLineAndExit2() {
        CliRun.of("x87").assertBadInput("x87");
    }

    @Test
    void missingSubcommandIsOneLineAndExit2() {
        CliRun.of().assertBadInput("missing subcommand");
        CliRun.of("x86").assertBadInput("missing subcommand");
    }
}
