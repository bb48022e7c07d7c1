package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The assembler is not on a hot path, but kernel images are assembled at every boot: a
 * 10,000-line source must take well under a second. Measured after one warm-up run so the
 * figure is about the assembler, not class loading; the bound is loose enough for a busy CI
 * machine and still fails on an accidentally quadratic pass.
 */
class AssemblerSpeedTest {

    @Test
    void tenThousandLinesAssembleWellUnderASecond() {
        StringBuilder src = new StringBuilder("\t.text\n");
        for (int i = 0; i < 2000; i++) {
            src.append("f").append(i).append(":\tmov 0x10(%rsp,%rbx,4), %rax\n");
            src.append("\tadd $").append(i).append(", %eax\n");
            src.append("\tcmp %r12, %rax\n");
            src.append("\tjne f").append(Math.max(0, i - 40)).append('\n');
            src.append("\tjmp f").append(Math.min(1999, i + 3)).append('\n');
        }
        String source = src.toString();
        assertTrue(Assembler.assemble(source, "big.S", 0x400000).ok());
        long start = System.nanoTime();
        AssemblyResult r = Assembler.assemble(source, "big.S", 0x400000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.ok(), () -> r.errors().toString());
        assertTrue(r.image().lines().size() == 10_000, "lines: " + r.image().lines().size());
        assertTrue(millis < 1000, "10,000 lines took " + millis + " ms");
        System.out.println("assembled 10,000 lines in " + millis + " ms");
    }
}
