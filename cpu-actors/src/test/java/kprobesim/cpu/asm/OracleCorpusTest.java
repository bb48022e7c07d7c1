package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Oracle tier: every {@code .S} under {@code src/test/resources/oracle} assembles to GNU as's bytes. */
class OracleCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyOracleSourceMatchesGnuAs() throws IOException {
        Path dir = Path.of("src/test/resources/oracle");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".S")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no oracle sources in " + dir.toAbsolutePath());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> System.out.println(p.getFileName() + ": "
                        + OracleParity.check(p.getFileName().toString(), Files.readString(p))
                        + " statements byte-equal to GNU as")));
    }
}
