package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Errors are values: mangled versions of real statements (characters dropped, duplicated,
 * swapped for syntax characters) must come back as a result, never as an exception.
 * Seeded, so a failure names the input that caused it.
 */
class MalformedInputTest {
    private static final String NOISE = "%$(),:*;#'\"+-<>~0123456789abcdefxq.lrsp ";

    @Test
    void mangledStatementsNeverThrow() {
        String[] lines = GeneratedCorpus.source().split("\n");
        Random random = new Random(0x5eed);
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            String line = lines[random.nextInt(lines.length)];
            StringBuilder s = new StringBuilder(line);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    default -> s.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                }
            }
            String source = "\t.set K, 1\n\t.set abs_sym, 2\n\t.set later_sym, 3\ndata_sym:\nstart:\nnear:\n" + s + "\n";
            AssemblyResult r;
            try {
                r = Assembler.assemble(source, "m.S", 0x400000);
            } catch (RuntimeException | StackOverflowError ex) {
                fail("input `" + s + "' threw " + ex);
                return;
            }
            if (!r.ok()) {
                rejected++;
                for (AsmError err : r.errors()) {
                    assertFalse(err.message().isBlank(), "empty message for `" + s + "'");
                    assertTrue(err.line() >= 1 && err.line() <= 7, err.format());
                }
            }
        }
        assertTrue(rejected > 1000, "mutations should mostly be rejected, were " + rejected);
    }
}
