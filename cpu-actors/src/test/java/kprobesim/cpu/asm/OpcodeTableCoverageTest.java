package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kprobesim.cpu.decode.Decoder;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.OpcodeTable;
import org.junit.jupiter.api.Test;

/**
 * One table, both directions: everything the assembler emits for the generated corpus decodes
 * (with the table-driven decoder) to one instruction of exactly the emitted length, and every
 * row of {@link OpcodeTable} is produced by some corpus line, except the undocumented aliases
 * that GNU as never emits.
 */
class OpcodeTableCoverageTest {

    @Test
    void assemblerAndDecoderAgreeAndEveryRowIsEmitted() {
        String source = GeneratedCorpus.source();
        ObjectImage img = Assembler.assemble(source, "generated-corpus.S", 0x400000).image();
        byte[] text = img.text();
        String[] lines = source.split("\n", -1);
        Set<OpcodeTable.Row> seen = new LinkedHashSet<>();
        List<String> disagreements = new ArrayList<>();
        for (LineEntry e : img.lines()) {
            if (e.address() >= img.textBase() + text.length) {
                continue;
            }
            String src = lines[e.line() - 1].trim();
            if (src.startsWith(".") || src.matches("(lock|rep|repe|repz|repne|repnz|data16)")) {
                continue; // data and stand-alone prefixes are not one instruction by themselves
            }
            int off = (int) (e.address() - img.textBase());
            Instruction in = Decoder.decode(text, off, e.length(), e.address());
            if (in.op == Op.BAD || in.length != e.length()) {
                disagreements.add(src + " -> " + in);
            } else if (in.row != null) {
                seen.add(in.row);
            }
        }
        assertEquals(List.of(), disagreements.subList(0, Math.min(20, disagreements.size())));
        List<String> missing = new ArrayList<>();
        for (OpcodeTable.Row row : OpcodeTable.rows()) {
            boolean alias = (row.op == Op.TEST && row.digit == 1) || row.digit == 6 && row.op == Op.SHL;
            if (!alias && !seen.contains(row)) {
                missing.add(row.toString());
            }
        }
        assertEquals(List.of(), missing, "rows the assembler never emits for the corpus");
        assertTrue(seen.size() > 200, "rows seen: " + seen.size());
    }
}
