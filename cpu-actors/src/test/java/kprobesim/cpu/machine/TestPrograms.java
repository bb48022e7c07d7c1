package kprobesim.cpu.machine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;

/** Assembles the .S programs under src/test/resources/programs at the kernel base. */
public final class TestPrograms {
    private TestPrograms() {}

    public static String source(String name) {
        try (InputStream in = TestPrograms.class.getResourceAsStream("/programs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no program " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectImage assemble(String name) {
        return assembleSource(source(name), name);
    }

    public static ObjectImage assembleSource(String source, String name) {
        AssemblyResult r = Assembler.assemble(source, name, ProgramLoader.KERNEL_BASE);
        if (!r.ok()) {
            throw new IllegalArgumentException(r.errors().toString());
        }
        return r.image();
    }

    public static long symbol(ObjectImage image, String name) {
        return image.symbol(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name)).value();
    }
}
