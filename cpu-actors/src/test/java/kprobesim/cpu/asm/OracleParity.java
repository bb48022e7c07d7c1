package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;

/** Assembles one source with ours and with binutils and requires equal .text bytes. */
final class OracleParity {
    static final long BASE = 0x400000;

    private OracleParity() {}

    /** Returns the number of line-table rows (instructions and data statements) compared. */
    static int check(String name, String source) {
        AssemblyResult r = Assembler.assemble(source, name, BASE);
        if (!r.ok()) {
            fail(name + ": our assembler rejected the source:\n" + String.join("\n",
                    r.errors().stream().map(AsmError::format).toList()));
        }
        ObjectImage img = r.image();
        Map<String, Long> others = new HashMap<>();
        for (SectionImage s : img.sections()) {
            if (!s.name().equals(".text")) {
                others.put(s.name(), s.base());
            }
        }
        byte[] gnu = GnuBinutils.text(source, BASE, others);
        byte[] ours = img.text();
        int n = Math.min(gnu.length, ours.length);
        int diff = -1;
        for (int i = 0; i < n; i++) {
            if (gnu[i] != ours[i]) {
                diff = i;
                break;
            }
        }
        if (diff < 0 && gnu.length != ours.length) {
            diff = n;
        }
        if (diff >= 0) {
            long addr = BASE + diff;
            String where = img.lineAt(addr).map(l -> {
                String[] lines = source.split("\n", -1);
                String text = l.line() - 1 < lines.length ? lines[l.line() - 1].trim() : "?";
                int off = (int) (l.address() - BASE);
                return l.location() + ": `" + text + "'\n  ours: " + GnuBinutils.hex(ours, off, off + l.length())
                        + "\n  as:   " + GnuBinutils.hex(gnu, off, off + l.length() + 4);
            }).orElse("(no line for 0x" + Long.toHexString(addr) + ")");
            fail(name + ": first difference at .text+0x" + Integer.toHexString(diff) + " (ours " + ours.length
                    + " bytes, as " + gnu.length + " bytes)\n" + where);
        }
        assertTrue(ours.length > 0 || source.isBlank(), name + ": empty text");
        return img.lines().size();
    }
}
