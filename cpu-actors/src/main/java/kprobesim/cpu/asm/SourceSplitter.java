package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts source text into statements: {@code #} comments to end of line, {@code /* *\/} comments
 * (which may span lines), {@code ;} and newlines as separators, with strings and character
 * constants left intact.
 */
final class SourceSplitter {

    /** One statement's text (comments removed, trimmed) and its 1-based line. */
    record Piece(int line, String text) {}

    private SourceSplitter() {}

    static List<Piece> split(String source) {
        List<Piece> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int startLine = 1;
        int n = source.length();
        for (int i = 0; i < n; i++) {
            char c = source.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < n && source.charAt(j) != '"' && source.charAt(j) != '\n') {
                    if (source.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    j++;
                }
                int end = Math.min(j + 1, n);
                if (j < n && source.charAt(j) == '\n') {
                    end = j;
                }
                cur.append(source, i, end);
                i = end - 1;
                continue;
            }
            if (c == '\'') {
                // character constant: 'c, 'c' or '\n'
                int j = i + 1;
                if (j < n && source.charAt(j) == '\\') {
                    j++;
                }
                j++;
                if (j < n && source.charAt(j) == '\'') {
                    j++;
                }
                j = Math.min(j, n);
                cur.append(source, i, j);
                i = j - 1;
                continue;
            }
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    end = n;
                }
                for (int k = i; k < end; k++) {
                    if (source.charAt(k) == '\n') {
                        line++;
                    }
                }
                cur.append(' ');
                if (cur.toString().isBlank()) {
                    startLine = line;
                }
                i = end + 1;
                continue;
            }
            if (c == '#') {
                while (i + 1 < n && source.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == ';' || c == '\n') {
                flush(out, cur, startLine);
                if (c == '\n') {
                    line++;
                }
                startLine = line;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            cur.append(c);
        }
        flush(out, cur, startLine);
        return out;
    }

    private static void flush(List<Piece> out, StringBuilder cur, int line) {
        String t = cur.toString().trim();
        if (!t.isEmpty()) {
            out.add(new Piece(line, t));
        }
        cur.setLength(0);
    }
}
