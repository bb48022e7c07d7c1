package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one source with ours and with binutils (as + ld, sections at our addresses) and
 * requires equal bytes: .text, and every other section with contents (.data, .rodata, ...).
 */
final class OracleParity {
    static final long BASE = 0x400000;

    private OracleParity() {}

    /** Returns the number of line-table rows (instructions and data statements) compared. */
    static int check(String name, String source) {
        return check(List.of(new SourceFile(name, source)));
    }

    /** Several files linked together, compared with as on each file and ld on the objects. */
    static int check(List<SourceFile> files) {
        String name = files.get(0).name();
        String source = files.get(0).text();
        AssemblyResult r = Assembler.assemble(files, AssemblerOptions.at(BASE));
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
        List<String> names = new ArrayList<>(List.of(".text"));
        for (SectionImage sec : img.sections()) {
            if (!sec.nobits() && !sec.name().equals(".text") && sec.size() > 0) {
                names.add(sec.name());
            }
        }
        Map<String, byte[]> linked = GnuBinutils.sections(files.stream().map(SourceFile::text).toList(),
                BASE, others, names);
        for (String section : names.subList(1, names.size())) {
            byte[] mine = img.section(section).orElseThrow().bytes();
            if (!java.util.Arrays.equals(linked.get(section), mine)) {
                fail(name + ": section " + section + " differs from GNU as + ld\n  ours: "
                        + GnuBinutils.hex(mine, 0, 64) + "\n  as:   " + GnuBinutils.hex(linked.get(section), 0, 64));
            }
        }
        byte[] gnu = linked.get(".text");
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
                String text0 = files.stream().filter(f -> f.name().equals(l.file())).findFirst()
                        .map(SourceFile::text).orElse(source);
                String[] lines = text0.split("\n", -1);
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
