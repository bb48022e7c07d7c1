package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import kprobesim.cpu.asm.SectionImage;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.ProfileLookup;
import kprobesim.testing.HostTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * oracle tier: the same kernel sources through GNU binutils ({@code as --64} per file,
 * {@code ld -Ttext=0xffffffff81000000} with our section addresses) give the same bytes in
 * every section. Missing binutils fail the test with an install hint ({@link HostTools}); they are
 * never a reason to skip.
 */
class KernelImageOracleTest {
    @TempDir
    Path dir;

    static Stream<KernelProfile> profiles() {
        return Stream.of("6.1", "CentOS 5.5", "CentOS 7.0", "Redhat 9.0")
                .map(n -> ((ProfileLookup.Found) KernelProfiles.lookup(n)).profile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everySectionMatchesGnuAsAndLd(KernelProfile profile) throws IOException {
        KernelImage k = KernelImage.build(profile);
        List<String> ld = new ArrayList<>(List.of("ld", "-m", "elf_x86_64",
                "-Ttext=0x" + Long.toHexString(KernelImage.TEXT_BASE), "-e", "0", "--no-relax",
                "-z", "noexecstack", "-z", "max-page-size=0x1000"));
        for (SectionImage s : k.sections()) {
            if (!s.name().strip().equals(".text")) {
                ld.add("--section-start=" + s.name().strip() + "=0x" + Long.toHexString(s.base()));
            }
        }
        int i = 0;
        for (SourceFile f : k.sources()) {
            String src = "F" + i + ".S", obj = "F" + i + ".o";
            Files.writeString(dir.resolve(src), f.text(), StandardCharsets.UTF_8);
            run("as", "--64", src, "-o", obj);
            ld.add(obj);
            i++;
        }
        ld.addAll(List.of("-o", "vmlinux"));
        run(ld.toArray(String[]::new));
        int compared = 0;
        for (SectionImage s : k.sections()) {
            if (s.nobits() || s.size() == 0) {
                continue;
            }
            String name = s.name().strip();
            Path out = dir.resolve("section" + compared + ".bin");
            run("objcopy", "-O", "binary", "-j", name, "vmlinux", out.getFileName().toString());
            byte[] gnu = Files.readAllBytes(out);
            byte[] ours = s.bytes();
            assertArrayEquals(gnu, ours, () -> name + " differs:\n gnu  " + HexFormat.of().formatHex(gnu)
                    + "\n ours " + HexFormat.of().formatHex(ours));
            compared++;
        }
        assertTrue(compared >= 5, "compared " + compared + " sections");
    }

    /** Runs a binutils command in the scratch directory; see {@link HostTools#run}. */
    private void run(String... cmd) {
        HostTools.run(dir, cmd);
    }
}
