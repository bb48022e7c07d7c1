package kprobesim.cpu.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import kprobesim.cpu.disasm.Disassembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle tier: GNU binutils decides. The ISA corpus ({@code oracle/isa-corpus.S}) and a
 * generated register/addressing-mode cross product are assembled with {@code as --64}; our
 * decoder must split the bytes exactly as {@code objdump -d} does and our disassembler must
 * print the same text after whitespace folding. Disassembly of a raw binary ({@code -b binary})
 * carries no symbols, so objdump prints no {@code <symbol>} annotations to strip.
 */
class DisassemblyOracleTest {
    @TempDir
    Path dir;

    static String corpus() throws IOException {
        try (InputStream in = DisassemblyOracleTest.class.getResourceAsStream("/oracle/isa-corpus.S")) {
            assertTrue(in != null, "oracle/isa-corpus.S is missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ObjdumpParity.Result parity(String source, long base) throws Exception {
        byte[] code = Binutils.assemble(dir, source);
        String dump = Binutils.objdumpText(dir, code, base);
        return ObjdumpParity.compare(code, base, Binutils.parse(dump));
    }

    @Test
    void corpusDecodesAndPrintsLikeObjdump() throws Exception {
        ObjdumpParity.Result r = parity(corpus(), 0);
        System.out.println("isa-corpus.S: " + r.report(0));
        assertTrue(r.compared() > 2000, "corpus too small: " + r.compared());
        assertTrue(r.mismatches().isEmpty(), r.report(40));
    }

    @Test
    void corpusAtKernelAddressDecodesAndPrintsLikeObjdump() throws Exception {
        ObjdumpParity.Result r = parity(corpus(), 0xffffffff81000000L);
        assertTrue(r.mismatches().isEmpty(), r.report(40));
    }

    @Test
    void generatedFormsDecodeAndPrintLikeObjdump() throws Exception {
        String source = CorpusGenerator.generate();
        ObjdumpParity.Result r = parity(source, 0x400000);
        System.out.println("generated forms: " + r.report(0));
        assertTrue(r.compared() > 5000, "generated corpus too small: " + r.compared());
        assertTrue(r.mismatches().isEmpty(), r.report(40));
    }

    @Test
    void listingMatchesObjdumpLineForLine() throws Exception {
        for (long base : new long[] {0, 0x400000, 0xffffffff81000000L}) {
            byte[] code = Binutils.assemble(dir, corpus());
            List<String> theirs = Binutils.listingLines(Binutils.objdumpText(dir, code, base));
            List<String> ours = Disassembler.listing(code, base);
            int n = Math.min(theirs.size(), ours.size());
            for (int i = 0; i < n; i++) {
                assertEquals(Binutils.fold(theirs.get(i)), Binutils.fold(ours.get(i)),
                        "listing line " + i + " at base 0x" + Long.toHexString(base));
            }
            assertEquals(theirs.size(), ours.size(), "listing line count at base 0x" + Long.toHexString(base));
            // the address column is padded like objdump's, not merely equal after folding
            assertEquals(theirs.get(0).indexOf(':'), ours.get(0).indexOf(':'), "address column width");
        }
    }
}
