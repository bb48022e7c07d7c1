package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expression values as GNU as computes them (precedence, radixes, character constants, symbols). */
class ExpressionTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
        1 + 2 * 3            ; 7
        (1 + 2) * 3          ; 9
        1 + 2 << 3           ; 17
        1 | 2 + 4            ; 7
        6 & 3 ^ 1            ; 3
        -8 / 3               ; -2
        -8 % 3               ; -2
        ~0                   ; -1
        !5                   ; 0
        0x10 + 010 + 0b10    ; 26
        'a'                  ; 97
        '\\n'                ; 10
        1 << 63 >> 63        ; 1
        3 > 2                ; -1
        3 == 2               ; 0
        1 && 0 || 1          ; 1
        K * 2                ; 10
        after - before       ; 8
        . - before           ; 8
        """)
    void evaluates(String expr, long expected) {
        String src = "\t.set K, 5\nbefore:\t.quad 0\nafter:\t.quad " + expr + "\n";
        AssemblyResult r = Assembler.assemble(src, "e.S", 0x1000);
        byte[] text = r.image().text();
        assertEquals(expected, ByteBuffer.wrap(text, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }
}
