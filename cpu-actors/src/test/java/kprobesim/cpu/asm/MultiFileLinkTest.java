package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Several files linked into one image (how a kernel image is built from its .S files),
 * compared with {@code as} on each file and {@code ld} on the objects: section concatenation
 * with alignment and ld's nop gap fill, private local symbols, cross-file globals.
 */
class MultiFileLinkTest {
    private static final String ENTRY = String.join("\n",
            "\t.text",
            "\t.globl entry",
            "entry:\tcall do_fork",
            "\tjmp helper",
            "helper:\tmov counter(%rip), %rax",     // private helper; the other file has one too
            "\tmovabs $table, %rcx",
            "\tret",
            "\t.data",
            "\t.globl counter",
            "counter:\t.quad do_fork",
            "");
    private static final String FORK = String.join("\n",
            "\t.set LOCAL_K, 7",
            "\t.text",
            "\t.p2align 4",
            "\t.globl do_fork",
            "\t.type do_fork, @function",
            "do_fork:\tlock incq counter(%rip)",
            "\tjmp helper",
            "helper:\tmov $LOCAL_K, %eax",
            "\tret",
            "\t.size do_fork, .-do_fork",
            "\t.data",
            "\t.p2align 3",
            "\t.globl table",
            "table:\t.quad entry, helper",
            "\t.section .rodata, \"a\"",
            "msg:\t.asciz \"fork\"",
            "");

    @Test
    void twoFilesLinkLikeLd() {
        OracleParity.check(List.of(new SourceFile("entry.S", ENTRY), new SourceFile("fork.S", FORK)));
    }

    @Test
    void localsArePrivateGlobalsAreSharedAndLinesNameTheirFile() {
        ObjectImage img = Assembler.assemble(List.of(new SourceFile("entry.S", ENTRY), new SourceFile("fork.S", FORK)),
                AssemblerOptions.at(0x400000)).image();
        long doFork = img.symbol("do_fork").orElseThrow().value();
        assertEquals(0x400020, doFork, "fork.S's .text starts at the next 16-byte boundary");
        assertEquals("fork.S:6", img.lineAt(doFork).orElseThrow().location());
        assertEquals("entry.S:3", img.lineAt(0x400000).orElseThrow().location());
        assertEquals(2, img.symbols().stream().filter(s -> s.name().equals("helper")).count());
        assertEquals("do_fork+0x9/0x10", img.describe(doFork + 9).orElseThrow());
    }

    @Test
    void duplicateGlobalsAndUndefinedSymbolsAreErrorsOfTheirFile() {
        AssemblyResult dup = Assembler.assemble(List.of(new SourceFile("a.S", ".globl f\nf: ret\n"),
                new SourceFile("b.S", "nop\n.globl f\nf: ret\n")), AssemblerOptions.at(0));
        assertEquals(List.of(new AsmError("b.S", 3, 0, "multiple definition of `f'")), dup.errors());
        AssemblyResult undef = Assembler.assemble(List.of(new SourceFile("a.S", "call g\n"),
                new SourceFile("b.S", "g: ret\n")), AssemblerOptions.at(0));
        assertEquals(List.of(new AsmError("a.S", 1, 0, "undefined symbol `g'")), undef.errors(),
                "g is local to b.S");
    }

    @TestFactory
    Stream<DynamicTest> randomMultiFileProgramsMatchAsAndLd() {
        return IntStream.range(0, 12).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            List<SourceFile> files = program(seed);
            assertTrue(OracleParity.check(files) > 0);
        }));
    }

    /** Files that call, jump to and point at each other's globals, with private labels of the same names. */
    static List<SourceFile> program(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(3);
        List<SourceFile> files = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            StringBuilder s = new StringBuilder("\t.text\n");
            s.append("\t.p2align ").append(r.nextInt(6)).append('\n');
            for (int g = 0; g < 4; g++) {
                s.append("\t.globl f").append(f).append('_').append(g).append('\n');
                s.append("f").append(f).append('_').append(g).append(":\n");
                for (int k = 0; k < 6; k++) {
                    int tf = r.nextInt(n), tg = r.nextInt(4);
                    switch (r.nextInt(7)) {
                        case 0 -> s.append("\tcall f").append(tf).append('_').append(tg).append('\n');
                        case 1 -> s.append("\tjmp f").append(tf).append('_').append(tg).append('\n');
                        case 2 -> s.append("\tjne local").append(r.nextInt(3)).append('\n');
                        case 3 -> s.append("\tlea d").append(tf).append("(%rip), %rax\n");
                        case 4 -> s.append("\tmovabs $f").append(tf).append('_').append(tg).append(", %rdx\n");
                        case 5 -> s.append("\t.skip ").append(r.nextInt(150)).append(", 0x90\n");
                        default -> s.append("\tadd $").append(r.nextInt(300)).append(", %ecx\n");
                    }
                }
            }
            for (int l = 0; l < 3; l++) {
                s.append("local").append(l).append(":\tnop\n");
            }
            s.append("\tret\n\t.data\n\t.p2align ").append(r.nextInt(4)).append("\n\t.globl d").append(f)
                    .append("\nd").append(f).append(":\t.quad f0_0, d").append(r.nextInt(n)).append("\n\t.byte ")
                    .append(r.nextInt(200)).append('\n');
            files.add(new SourceFile("m" + f + ".S", s.toString()));
        }
        return files;
    }
}
