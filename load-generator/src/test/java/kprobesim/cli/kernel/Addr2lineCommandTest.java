package kprobesim.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.cli.CliRun;
import kprobesim.kernel.image.KernelImage;
import kprobesim.kernel.image.TrapVector;
import kprobesim.kernel.profile.KernelProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Addr2lineCommandTest {
    @TempDir
    Path dir;

    /** Seed 004's test1 in assembly: func divides, so its idiv is the faulting ip. Lines in comments. */
    static final String TEST1 = String.join("\n",
            "\t.text",                       // 1
            "\t.globl _start",               // 2
            "_start:",                       // 3
            "\tmov $10, %edi",               // 4  0x400000 (5 bytes)
            "\txor %esi, %esi",              // 5  0x400005 (2)
            "\tcall func",                   // 6  0x400007 (5)
            "\thlt",                         // 7  0x40000c (1)
            "func:",                         // 8
            "\tmov %edi, %eax",              // 9  0x40000d (2)
            "\tcltd",                        // 10 0x40000f (1)
            "\tidiv %esi",                   // 11 0x400010 (2)
            "\tret",                         // 12 0x400012
            "");

    static final KernelImage MODERN = KernelImage.build(KernelProfiles.MODERN);

    @Test
    void kernelAddressesOfTheDefaultProfile() {
        long pf = MODERN.entry(TrapVector.PAGE_FAULT);
        long clone = MODERN.address("kernel_clone");
        CliRun r = CliRun.of("addr2line", Long.toHexString(pf), "0x" + Long.toHexString(clone + 1), "ffffffff80000000")
                .assertOk();
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertEquals(MODERN.symbols().addr2line(pf).orElseThrow(), lines[0]);
        assertEquals(true, lines[0].startsWith("entry_64.S:"), lines[0]);
        assertEquals(true, lines[1].startsWith("fork.S:"), lines[1]);
        assertEquals("??:0", lines[2]);
    }

    @Test
    void functionsOptionPrintsTheSymbolFirst() {
        KernelImage old = KernelImage.build(((kprobesim.kernel.profile.ProfileLookup.Found)
                KernelProfiles.lookup("CentOS 6.5")).profile());
        long fork = old.address("do_fork");
        CliRun r = CliRun.of("addr2line", "--profile", "CentOS 6.5", "-f", Long.toHexString(fork)).assertOk();
        assertEquals("do_fork\n" + old.symbols().addr2line(fork).orElseThrow() + "\n", r.out());
    }

    @Test
    void userProgramMappedAt0x400000() throws IOException {
        Path src = Files.writeString(dir.resolve("test1.S"), TEST1);
        CliRun r = CliRun.of("addr2line", "-e", src.toString(), "400010", "0x400011", "400000", "401000").assertOk();
        assertEquals(String.join("\n", src + ":11", src + ":11", src + ":4", "??:0") + "\n", r.out());
    }

    @Test
    void userProgramWithoutStartAtTheBase() throws IOException {
        Path src = Files.writeString(dir.resolve("nostart.S"), "\tnop\nmain:\tret\n");
        CliRun.of("addr2line", "-e", src.toString(), "400000").assertBadInput("_start must label the first byte of .text");
    }

    @Test
    void userProgramThatDoesNotAssemble() throws IOException {
        Path src = Files.writeString(dir.resolve("bad.S"), "_start:\n\tfrobnicate %rax\n");
        CliRun.of("addr2line", "-e", src.toString(), "400000").assertBadInput("bad.S:2:");
    }

    @Test
    void badAddressIsOneLine() {
        CliRun.of("addr2line", "ffffffff8100zz00").assertBadInput("bad address 'ffffffff8100zz00'");
        CliRun.of("addr2line", "1ffffffff81000000").assertBadInput("bad address");
    }

    @Test
    void unknownProfileAndConflictingOptions() throws IOException {
        CliRun.of("addr2line", "--profile", "CentOS 9", "ffffffff81000000").assertBadInput("unknown kernel profile 'CentOS 9'");
        Path src = Files.writeString(dir.resolve("test1.S"), TEST1);
        CliRun.of("addr2line", "-e", src.toString(), "--profile", "6.1", "400000").assertBadInput("exclude each other");
        CliRun.of("addr2line", "-e", dir.resolve("missing.S").toString(), "400000").assertBadInput("missing.S: cannot read: no such file");
    }

    @Test
    void missingAddressIsAUsageError() {
        CliRun r = CliRun.of("addr2line");
        assertEquals(2, r.exit());
    }
}
