package kprobesim.kernel.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import kprobesim.cpu.asm.AsmError;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblerOptions;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.asm.SourceFile;

/**
 * A user program as the kernel maps it: one {@code .S} file assembled with {@code .text} at
 * {@link #TEXT_BASE} (0x400000, where a non-PIE x86-64 executable such as seed 004's
 * {@code test1} is linked) and {@code _start}, its entry point, at the first byte of it.
 * Other sections follow page-aligned (the assembler's default layout).
 *
 * <p>Errors are values: {@link #assemble} returns the assembler's errors, or one made-up
 * error for a missing or misplaced {@code _start}. Immutable.
 */
public final class UserProgram {
    /** Where user text starts. */
    public static final long TEXT_BASE = 0x400000L;
    /** The entry symbol. */
    public static final String ENTRY = "_start";

    private final String name;
    private final ObjectImage image;

    private UserProgram(String name, ObjectImage image) {
        this.name = name;
        this.image = image;
    }

    /** What {@link #assemble} returns. */
    public sealed interface Result {
        record Ok(UserProgram program) implements Result {}

        record Failed(List<AsmError> errors) implements Result {
            public Failed {
                errors = List.copyOf(errors);
            }
        }
    }

    /** Assembles {@code file} (its name is used in errors and the line table). */
    public static Result assemble(SourceFile file) {
        Objects.requireNonNull(file, "file");
        AssemblyResult r = Assembler.assemble(List.of(file), AssemblerOptions.at(TEXT_BASE));
        if (!r.ok()) {
            return new Result.Failed(r.errors());
        }
        ObjectImage img = r.image();
        Optional<Long> start = img.symbol(ENTRY).filter(s -> !s.isAbsolute()).map(s -> s.value());
        if (start.isEmpty() || start.get() != TEXT_BASE) {
            String found = start.map(a -> " (it is at 0x" + Long.toHexString(a) + ")").orElse(" (it is not defined)");
            return new Result.Failed(List.of(new AsmError(file.name(), 1, 0,
                    ENTRY + " must label the first byte of .text, 0x" + Long.toHexString(TEXT_BASE) + found)));
        }
        return new Result.Ok(new UserProgram(file.name(), img));
    }

    /** The file name, which is also the task's comm when booted. */
    public String name() {
        return name;
    }

    public ObjectImage image() {
        return image;
    }

    /** {@code addr2line -e}: {@code FILE.S:LINE} of {@code addr}, if a statement emitted it. */
    public Optional<String> addr2line(long addr) {
        return image.lineAt(addr).map(e -> e.location());
    }
}
