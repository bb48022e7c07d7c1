package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelProfiles;
import org.junit.jupiter.api.Test;

class KernelSourcesTest {
    @Test
    void substitutionKeepsEveryLineInPlace() {
        for (KernelProfile p : KernelProfiles.all()) {
            for (SourceFile f : KernelSources.forProfile(p)) {
                if (f.name().equals(KernelSources.HYPERCALLS_FILE)) {
                    continue;
                }
                String raw = KernelSources.resource(f.name());
                assertEquals(raw.split("\n", -1).length, f.text().split("\n", -1).length, f.name());
                assertFalse(f.text().contains("{{"), f.name() + " has an unfilled token");
            }
        }
    }

    @Test
    void tokensFollowTheProfile() {
        Map<String, String> modern = KernelSources.tokens(KernelProfiles.MODERN);
        assertEquals("kernel_clone", modern.get("FORK"));
        assertEquals("get_signal", modern.get("GET_SIGNAL"));
        assertEquals("1", modern.get("GET_SIGNAL_TAKES_KSIGNAL"));
        assertEquals("0", modern.get("HAS_SYS_OPEN"));
        assertEquals("1", modern.get("HAS_DO_SYS_OPEN"));
    }

    @Test
    void unknownTokenIsABug() {
        assertThrows(IllegalStateException.class, () -> KernelSources.substitute("x.S", "call {{NOPE}}", Map.of()));
        assertTrue(KernelSources.substitute("x.S", "call {{A}}\n", Map.of("A", "f")).equals("call f\n"));
    }
}
