package kprobesim.cpu.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import kprobesim.cpu.decode.Decoder;
import kprobesim.cpu.disasm.Disassembler;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.OpcodeTable;
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
        byte[] code = GnuBinutils.assemble(dir, source);
        String dump = GnuBinutils.objdumpText(dir, code, base);
        return ObjdumpParity.compare(code, base, GnuBinutils.parse(dump));
    }

    @Test
    void corpusDecodesAndPrintsLikeObjdump() throws Exception {
        ObjdumpParity.Result r = parity(corpus(), 0);
        System.out.println("isa-corpus.S: " + r.report(0));
        assertTrue(r.compared() > 2500, "corpus too small: " + r.compared());
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
    void corpusCoversEveryOpcodeRowAndOperandSize() throws Exception {
        byte[] code = GnuBinutils.assemble(dir, corpus());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int off = 0; off < code.length; ) {
            Instruction in = Decoder.decode(code, off, code.length - off, off);
            if (in.row != null) {
                seen.add(in.row + " size " + in.opSize);
                seen.add(in.row.toString());
            }
            off += in.length;
        }
        List<String> missing = new java.util.ArrayList<>();
        for (OpcodeTable.Row row : OpcodeTable.rows()) {
            if (!seen.contains(row.toString())) {
                missing.add(row.toString());
                continue;
            }
            // every operand size the row can take (2, 4, 8; or 2, 8 for push/pop; 8 for branches);
            // the undocumented aliases (shl /6, test /1) only need to appear once
            boolean alias = row.op == Op.SHL && row.digit == 6 || row.op == Op.TEST && row.digit == 1;
            int[] sizes = row.isByteOp() || alias ? new int[0]
                    : row.is(OpcodeTable.FORCE64) || row.is(OpcodeTable.NO_OPSIZE) ? new int[] {8}
                    : row.is(OpcodeTable.DEFAULT64) ? new int[] {2, 8}
                    : row.op == Op.BSWAP ? new int[] {4, 8}
                    : row.arity() == 0 || !sizeDependent(row) ? new int[0] : new int[] {2, 4, 8};
            for (int size : sizes) {
                if (!seen.contains(row + " size " + size)) {
                    missing.add(row + " at size " + size);
                }
            }
        }
        assertTrue(missing.isEmpty(), "isa-corpus.S lacks " + missing.size() + " forms: " + missing);
    }

    private static boolean sizeDependent(OpcodeTable.Row row) {
        for (int i = 0; i < row.arity(); i++) {
            if (row.form(i).size == 0 && !row.form(i).isRelative() && row.form(i) != OpcodeTable.Form.M) {
                return true;
            }
        }
        return false;
    }

    @Test
    void listingMatchesObjdumpLineForLine() throws Exception {
        for (long base : new long[] {0, 0x400000, 0xffffffff81000000L}) {
            byte[] code = GnuBinutils.assemble(dir, corpus());
            List<String> theirs = GnuBinutils.listingLines(GnuBinutils.objdumpText(dir, code, base));
            List<String> ours = Disassembler.listing(code, base);
            int n = Math.min(theirs.size(), ours.size());
            for (int i = 0; i < n; i++) {
                assertEquals(GnuBinutils.fold(theirs.get(i)), GnuBinutils.fold(ours.get(i)),
                        "listing line " + i + " at base 0x" + Long.toHexString(base));
            }
            assertEquals(theirs.size(), ours.size(), "listing line count at base 0x" + Long.toHexString(base));
            // the address column is padded like objdump's, not merely equal after folding
            assertEquals(theirs.get(0).indexOf(':'), ours.get(0).indexOf(':'), "address column width");
        }
    }
}
