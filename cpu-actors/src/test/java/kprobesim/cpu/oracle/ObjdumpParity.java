package kprobesim.cpu.oracle;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.decode.Decoder;
import kprobesim.cpu.disasm.Disassembler;
import kprobesim.cpu.isa.Instruction;

/** Compares our decoder and disassembler with an objdump listing, instruction by instruction. */
final class ObjdumpParity {
    /** Outcome: how many instructions were compared and a description of each mismatch. */
    record Result(int compared, List<String> mismatches) {
        String report(int max) {
            StringBuilder s = new StringBuilder();
            s.append(mismatches.size()).append(" mismatches in ").append(compared).append(" instructions");
            for (int i = 0; i < Math.min(max, mismatches.size()); i++) {
                s.append("\n  ").append(mismatches.get(i));
            }
            return s.toString();
        }
    }

    private ObjdumpParity() {}

    static Result compare(byte[] code, long base, List<GnuBinutils.Listed> theirs) {
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (GnuBinutils.Listed l : theirs) {
            int off = (int) (l.address() - base);
            int len = l.bytes().length;
            Instruction in = Decoder.decode(code, off, code.length - off, base + off);
            compared++;
            String where = String.format("0x%x [%s]", l.address(), GnuBinutils.hex(code, off, len));
            if (in == null) {
                bad.add(where + ": ours: truncated (null), objdump: " + l.text());
                continue;
            }
            if (in.length != len) {
                bad.add(where + ": length ours " + in.length + " ("
                        + GnuBinutils.hex(code, off, Math.min(in.length, code.length - off)) + ") vs objdump " + len
                        + "; ours: " + Disassembler.text(in, base + off) + " | objdump: " + l.text());
                continue;
            }
            String ours = GnuBinutils.fold(Disassembler.text(in, base + off));
            String want = GnuBinutils.fold(l.text());
            if (!ours.equals(want)) {
                bad.add(where + ": ours '" + ours + "' vs objdump '" + want + "'");
            }
        }
        return new Result(compared, bad);
    }
}
