package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Oracle tier: the systematic generated corpus assembles to GNU as's bytes. */
class GeneratedCorpusTest {

    @Test
    void everyMnemonicSizeRegisterAndAddressingModeMatchesGnuAs() {
        String source = GeneratedCorpus.source();
        int compared = OracleParity.check("generated-corpus.S", source);
        System.out.println("generated corpus: " + compared + " statements byte-equal to GNU as");
        assertTrue(compared > 3000, "corpus unexpectedly small: " + compared);
    }
}
